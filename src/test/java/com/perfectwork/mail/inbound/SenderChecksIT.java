package com.perfectwork.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.MailFixtures;
import com.perfectwork.mail.OutgoingFixture;
import com.perfectwork.mail.deliverability.DnsSettings;
import com.perfectwork.mail.deliverability.FixtureKeys;
import com.perfectwork.mail.deliverability.PrivateDnsmasq;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Received mail checked with SPF, DKIM and DMARC through the real pipeline, against a real DNS server (dnsmasq)
 * serving the senders' zones: over the SMTP receiver behind a relay (its Received line names the client) and through
 * the HTTP gateway (Received and Return-Path). DKIM-signed mails are dkimpy's ({@code mail/authentication}).
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SenderChecksIT {

    /** The relay in front of the receiver took the mails from this address. */
    private static final String CLIENT = "198.51.100.25";

    @LocalServerPort
    int port;

    @Autowired
    DnsSettings dnsSettings;

    @Autowired
    SmtpReceiver receiver;

    ApiClient admin;
    PrivateDnsmasq dns;
    String tag;
    String desk;

    @BeforeAll
    void publishTheSendersZones() throws Exception {
        dns = PrivateDnsmasq.on(dnsSettings);
        FixtureKeys.records().forEach(dns::txt);
        dns.txt("signed.test", "v=spf1 ip4:192.0.2.99 -all")
                .txt("_dmarc.signed.test", "v=DMARC1; p=reject")
                .txt("spf.test", "v=spf1 ip4:" + CLIENT + " -all")
                .txt("_dmarc.spf.test", "v=DMARC1; p=reject")
                .txt("quarantine.test", "v=spf1 -all")
                .txt("_dmarc.quarantine.test", "v=DMARC1; p=quarantine")
                .txt("none.test", "v=spf1 -all")
                .txt("_dmarc.none.test", "v=DMARC1; p=none")
                .silentFor("slow.test")
                .start(Path.of("target", "dnsmasq-senders"));
    }

    @AfterAll
    void stopTheDnsServer() {
        if (dns != null) {
            dns.close();
        }
    }

    @BeforeEach
    void anAliasCreatingTickets() {
        admin = ApiClient.admin(port);
        new OutgoingFixture(admin).noServers().catchallDomain("mycompany.example");
        tag = UUID.randomUUID().toString().substring(0, 8);
        desk = "desk-" + tag;
        admin.post("/api/aliases", Map.of("name", desk, "model", "helpdesk.ticket"));
    }

    @Test
    void anSpfPassForTheFromDomainPassesDmarcThroughTheGateway() {
        byte[] mail = ("Return-Path: <bounce@spf.test>\r\n" + received("mail.spf.test") + "From: Sam <sam@spf.test>\r\n"
                        + "To: " + desk + "@mycompany.example\r\nSubject: SPF " + tag + "\r\nMessage-ID: <" + tag
                        + "@spf.test>\r\n\r\nHello.\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        JsonNode result =
                admin.postBytes("/api/inbound", "message/rfc822", mail).json();

        JsonNode authentication = logged(result.get("logId").asLong()).get("authentication");
        assertThat(authentication.get("results").asString())
                .startsWith("spf=pass (" + CLIENT + ": matched ip4:" + CLIENT + " in spf.test) smtp.mailfrom=spf.test;"
                        + " dkim=none (no signature); dmarc=pass (p=reject; aligned spf pass) header.from=spf.test");
        assertThat(authentication.get("dmarc").asString()).isEqualTo("pass");
        assertThat(authentication.get("authenticatedDomain").asString()).isEqualTo("spf.test");
    }

    @Test
    void aMailSignedByAnIndependentSignerPassesDkimAndDmarcWhereSpfFails() throws Exception {
        JsonNode entry = logged(smtp("ann@signed.test", "rsa-relaxed"));

        assertThat(entry.get("outcome").asString()).isEqualTo("created");
        assertThat(entry.get("authentication").get("results").asString())
                .startsWith("spf=fail (" + CLIENT + ": matched -all in signed.test) smtp.mailfrom=signed.test;"
                        + " dkim=pass header.d=signed.test header.s=rsa2048;"
                        + " dmarc=pass (p=reject; aligned dkim pass) header.from=signed.test");
    }

    @Test
    void aSignatureBrokenOnTheWayFailsDkim() throws Exception {
        JsonNode entry = logged(smtp("ann@signed.test", "body-altered"));

        assertThat(entry.get("authentication").get("results").asString())
                .contains("dkim=fail (body hash did not verify: the body changed) header.d=signed.test")
                .endsWith("dmarc=fail (p=reject; neither SPF nor DKIM passed aligned) header.from=signed.test");
        assertThat(entry.get("authentication").get("dmarc").asString()).isEqualTo("fail");
    }

    @Test
    void aDnsServerThatDoesNotAnswerIsATemporaryErrorAndTheMailGoesOn() throws Exception {
        long started = System.nanoTime();
        JsonNode entry = logged(smtp(
                "lee@slow.test",
                ("From: lee@slow.test\r\nTo: " + desk + "@mycompany.example\r\nSubject: Slow " + tag
                                + "\r\nMessage-ID: <" + tag + "@slow.test>\r\n\r\nHello.\r\n")
                        .getBytes(StandardCharsets.US_ASCII)));

        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("the checks end within the DNS timeout")
                .isLessThan(dnsSettings.timeout().plusSeconds(3));
        assertThat(entry.get("outcome").asString()).isEqualTo("created");
        assertThat(entry.get("authentication").get("dmarc").asString()).isEqualTo("temperror");
        assertThat(entry.get("authentication").get("results").asString())
                .startsWith("spf=temperror")
                .contains("(timeout)");
    }

    /** The Received line of the relay that took the mail from the sender's server. */
    private static String received(String helo) {
        return "Received: from " + helo + " (" + helo + " [" + CLIENT + "])\r\n\tby mx.mycompany.example (Postfix)"
                + " with ESMTPS id 4Qx; Sat, 05 Dec 2026 10:00:00 +0000\r\n";
    }

    private long smtp(String mailFrom, String fixture) throws Exception {
        return smtp(mailFrom, MailFixtures.load("authentication/" + fixture + ".eml", Map.of()));
    }

    /** Delivers a mail to the alias over SMTP as the relay would, its Received line on top; the log entry's id. */
    private long smtp(String mailFrom, byte[] mail) throws Exception {
        byte[] relayed = (received("mail." + mailFrom.substring(mailFrom.indexOf('@') + 1))
                        + new String(mail, StandardCharsets.ISO_8859_1))
                .getBytes(StandardCharsets.ISO_8859_1);
        try (ReceiverClient smtp =
                ReceiverClient.greeted(receiver.port().orElseThrow(), "EHLO mx.mycompany.example", 30_000)) {
            assertThat(smtp.send("MAIL FROM:<" + mailFrom + ">")).startsWith("250 ");
            assertThat(smtp.send("RCPT TO:<" + desk + "@mycompany.example>")).startsWith("250 ");
            assertThat(smtp.send("DATA")).startsWith("354 ");
            String reply = smtp.data(relayed);
            assertThat(reply).startsWith("250 2.0.0 stored as ");
            return Long.parseLong(reply.substring("250 2.0.0 stored as ".length(), reply.indexOf(" (")));
        }
    }

    private JsonNode logged(long id) {
        return admin.get("/api/inbound-log/" + id).json();
    }
}
