package com.perfectwork.mail.deliverability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Where SPF's client, HELO name and MAIL FROM come from: the SMTP session, or the receiving side's trace headers. */
class ReceivedTraceTest {

    private static final String TRACE = """
            Return-Path: <bounce+x@sender.example>
            Received: from mx.ours.example ([10.0.0.5]) by imap.ours.example (Dovecot) with LMTP id 1; Sat, 5 Dec 2026
            Received: by mx.ours.example (Postfix, from userid 0) id 2; Sat, 5 Dec 2026
            Received: from mail.sender.example (mail.sender.example [198.51.100.25])
            \tby mx.ours.example (Postfix) with ESMTPS id 3; Sat, 5 Dec 2026 10:00:00 +0000
            Received: from forged.example ([192.0.2.66]) by mail.sender.example; Sat, 5 Dec 2026
            From: ann@sender.example

            body
            """;

    @Test
    void aPublicSessionClientIsTheClient() throws IOException {
        InetAddress client = InetAddress.getByName("203.0.113.7");
        SmtpEnvelope envelope = ReceivedTrace.complete(
                new SmtpEnvelope(client, "mail.sender.example", "a@sender.example"), head(TRACE));
        assertThat(envelope).isEqualTo(new SmtpEnvelope(client, "mail.sender.example", "a@sender.example"));
    }

    @Test
    void otherwiseTheTopmostReceivedWithAPublicAddressNamesItAndReturnPathTheSender() throws IOException {
        SmtpEnvelope fetched = ReceivedTrace.complete(SmtpEnvelope.UNKNOWN, head(TRACE));
        assertThat(fetched.client()).isEqualTo(InetAddress.getByName("198.51.100.25"));
        assertThat(fetched.helo()).isEqualTo("mail.sender.example");
        assertThat(fetched.mailFrom()).isEqualTo("bounce+x@sender.example");

        // a relay in front (LMTP, or SMTP from a private address): its MAIL FROM stands, its address does not
        SmtpEnvelope relayed = ReceivedTrace.complete(
                new SmtpEnvelope(InetAddress.getByName("127.0.0.1"), "relay", "other@sender.example"), head(TRACE));
        assertThat(relayed.client()).isEqualTo(InetAddress.getByName("198.51.100.25"));
        assertThat(relayed.mailFrom()).isEqualTo("other@sender.example");
    }

    @Test
    void eximsHeloAndMicrosoftsBareAddressesAreRead() throws IOException {
        SmtpEnvelope exim = ReceivedTrace.complete(
                SmtpEnvelope.UNKNOWN,
                head("Received: from host.sender.example ([198.51.100.3] helo=smtp.sender.example) by mx\r\n\r\n"));
        assertThat(exim.client()).isEqualTo(InetAddress.getByName("198.51.100.3"));
        assertThat(exim.helo()).isEqualTo("smtp.sender.example");

        SmtpEnvelope microsoft = ReceivedTrace.complete(
                SmtpEnvelope.UNKNOWN,
                head("Received: from AM0PR01.eurprd01.prod.outlook.com (2603:10a6:208:12::34) by AM0PR02 with"
                        + " Microsoft SMTP Server\r\n\r\n"));
        assertThat(microsoft.client()).isEqualTo(InetAddress.getByName("2603:10a6:208:12::34"));
    }

    @Test
    void withoutAPublicHopTheClientIsNotKnown() throws IOException {
        SmtpEnvelope local = ReceivedTrace.complete(
                SmtpEnvelope.UNKNOWN, head("Received: from localhost (localhost [127.0.0.1]) by mx\r\n\r\n"));
        assertThat(local.client()).isNull();
        assertThat(local.mailFrom()).isNull();
    }

    private static MessageHead head(String text) throws IOException {
        return MessageHead.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
    }
}
