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
    String club;

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
    void aliasesForEveryoneAndForKnownContacts() {
        admin = ApiClient.admin(port);
        new OutgoingFixture(admin).noServers().catchallDomain("mycompany.example");
        tag = UUID.randomUUID().toString().substring(0, 8);
        desk = "desk-" + tag;
        club = "club-" + tag;
        admin.post("/api/aliases", Map.of("name", desk, "model", "helpdesk.ticket"));
        admin.post("/api/aliases", Map.of("name", club, "model", "helpdesk.ticket", "contactPolicy", "partners"));
    }

    @Test
    void anSpfPassForTheFromDomainPassesDmarcThroughTheGateway() {
        JsonNode entry = gateway("Return-Path: <bounce@spf.test>\r\n" + received("mail.spf.test")
                + mail("Sam <sam@spf.test>", desk, "SPF"));

        JsonNode authentication = entry.get("authentication");
        assertThat(authentication.get("results").asString())
                .isEqualTo("spf=pass (" + CLIENT + ": matched ip4:" + CLIENT + " in spf.test) smtp.mailfrom=spf.test;"
                        + " dkim=none (no signature); dmarc=pass (p=reject; aligned spf pass) header.from=spf.test");
        assertThat(authentication.get("dmarc").asString()).isEqualTo("pass");
        assertThat(authentication.get("authenticatedDomain").asString()).isEqualTo("spf.test");
    }

    @Test
    void aMailSignedByAnIndependentSignerPassesDkimAndDmarcAndOpensTheAliasForKnownContacts() throws Exception {
        admin.post("/api/partners", Map.of("name", "Ann", "email", "ann@signed.test"));
        JsonNode entry = logged(smtp("ann@signed.test", club, fixture("rsa-relaxed")));

        assertThat(entry.get("outcome").asString()).isEqualTo("created");
        assertThat(entry.get("authentication").get("results").asString())
                .isEqualTo("spf=fail (" + CLIENT + ": matched -all in signed.test) smtp.mailfrom=signed.test;"
                        + " dkim=pass header.d=signed.test header.s=rsa2048;"
                        + " dmarc=pass (p=reject; aligned dkim pass) header.from=signed.test");
    }

    @Test
    void aSignatureBrokenOnTheWayFailsDkimAndTheRejectPolicyRefusesTheMail() throws Exception {
        long id = smtp("ann@signed.test", desk, fixture("body-altered"));
        JsonNode entry = logged(id);

        assertThat(entry.get("outcome").asString()).isEqualTo("rejected");
        assertThat(entry.get("reason").asString())
                .contains("DMARC failed for signed.test, whose policy is reject")
                .endsWith("not posted, not answered");
        assertThat(entry.get("authentication").get("results").asString())
                .contains("dkim=fail (body hash did not verify: the body changed) header.d=signed.test")
                .endsWith("dmarc=fail (p=reject; neither SPF nor DKIM passed aligned) header.from=signed.test");
        assertThat(entry.get("recordId").isNull()).isTrue();
        assertThat(admin.get("/api/inbound-log/" + id + "/raw").body()).contains("be paid?");
    }

    @Test
    void aQuarantinePolicyRefusesTheMailAsReject() {
        JsonNode entry = gateway("Return-Path: <q@quarantine.test>\r\n" + received("mail.quarantine.test")
                + mail("q@quarantine.test", desk, "Quarantine"));

        assertThat(entry.get("outcome").asString()).isEqualTo("rejected");
        assertThat(entry.get("reason").asString())
                .contains("DMARC failed for quarantine.test, whose policy is quarantine");
    }

    @Test
    void underPNoneAnUnauthenticatedFromIsPostedButNamesNoContact() {
        long record = admin.post("/api/records", Map.of("model", "crm.lead", "name", "Chairs " + tag))
                .id();
        admin.post("/api/records/" + record + "/followers", Map.of("name", "Nina", "email", "nina@none.test"));
        admin.post("/api/records/" + record + "/followers", Map.of("name", "Sam", "email", "sam@spf.test"));
        String notification = admin.post("/api/records/" + record + "/messages", Map.of("body", "<p>When?</p>"))
                .json()
                .get("messageId")
                .asString();

        JsonNode nina = gateway("Return-Path: <nina@none.test>\r\n" + received("mail.none.test")
                + reply("Nina <nina@none.test>", notification));
        JsonNode sam = gateway("Return-Path: <sam@spf.test>\r\n" + received("mail.spf.test")
                + reply("Sam <sam@spf.test>", notification));

        assertThat(nina.get("outcome").asString()).isEqualTo("posted");
        assertThat(nina.get("reason").asString())
                .endsWith("the From address is not authenticated (dmarc=fail): posted with no contact as its author");
        assertThat(message(record, nina).get("authorPartnerId").isNull()).isTrue();
        assertThat(message(record, sam).get("authorName").asString()).isEqualTo("Sam");

        admin.post("/api/partners", Map.of("name", "Nina", "email", "nina@none.test"));
        JsonNode toContacts = gateway("Return-Path: <nina@none.test>\r\n" + received("mail.none.test")
                + mail("nina@none.test", club, "Club"));
        assertThat(toContacts.get("outcome").asString()).isEqualTo("rejected");
        assertThat(toContacts.get("reason").asString())
                .startsWith("the alias " + club + " accepts mail from known contacts only, and the From address is"
                        + " not authenticated (dmarc=fail)");
    }

    @Test
    void aDnsServerThatDoesNotAnswerIsATemporaryErrorAndTheMailGoesOnAsBefore() throws Exception {
        admin.post("/api/partners", Map.of("name", "Lee", "email", "lee@slow.test"));
        long started = System.nanoTime();
        JsonNode entry = logged(
                smtp("lee@slow.test", club, mail("lee@slow.test", club, "Slow").getBytes(StandardCharsets.US_ASCII)));

        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("the checks end within the DNS timeout")
                .isLessThan(dnsSettings.timeout().plusSeconds(3));
        assertThat(entry.get("outcome").asString())
                .as("a known contact, as before the checks")
                .isEqualTo("created");
        assertThat(entry.get("authentication").get("dmarc").asString()).isEqualTo("temperror");
        assertThat(entry.get("authentication").get("results").asString())
                .startsWith("spf=temperror")
                .contains("(timeout)");
    }

    @Test
    void withTheChecksTurnedOffAMailIsTakenAsItComes() {
        OutgoingFixture settings = new OutgoingFixture(admin);
        settings.parameter("mail.inbound.check_senders", "false");
        try {
            JsonNode entry = gateway("Return-Path: <q@quarantine.test>\r\n" + received("mail.quarantine.test")
                    + mail("q@quarantine.test", desk, "Unchecked"));

            assertThat(entry.get("outcome").asString()).isEqualTo("created");
            assertThat(entry.get("authentication").get("results").asString()).isEqualTo("none (checks turned off)");
            assertThat(entry.get("authentication").get("dmarc").asString()).isEqualTo("off");
        } finally {
            settings.parameter("mail.inbound.check_senders", null);
        }
    }

    private String mail(String from, String alias, String subject) {
        return "From: " + from + "\r\nTo: " + alias + "@mycompany.example\r\nSubject: " + subject + " " + tag
                + "\r\nMessage-ID: <" + UUID.randomUUID() + "@senders.test>\r\n\r\nHello.\r\n";
    }

    private String reply(String from, String notification) {
        return "From: " + from + "\r\nTo: catchall@mycompany.example\r\nSubject: Re: Chairs " + tag
                + "\r\nIn-Reply-To: " + notification + "\r\nMessage-ID: <" + UUID.randomUUID()
                + "@senders.test>\r\n\r\nNext week.\r\n";
    }

    private JsonNode message(long record, JsonNode posted) {
        return admin.get("/api/records/" + record + "/messages")
                .json()
                .valueStream()
                .filter(m -> m.get("id").asLong() == posted.get("messageId").asLong())
                .findFirst()
                .orElseThrow();
    }

    private JsonNode gateway(String mail) {
        return logged(admin.postBytes("/api/inbound", "message/rfc822", mail.getBytes(StandardCharsets.US_ASCII))
                .json()
                .get("logId")
                .asLong());
    }

    /** The Received line of the relay that took the mail from the sender's server. */
    private static String received(String helo) {
        return "Received: from " + helo + " (" + helo + " [" + CLIENT + "])\r\n\tby mx.mycompany.example (Postfix)"
                + " with ESMTPS id 4Qx; Sat, 05 Dec 2026 10:00:00 +0000\r\n";
    }

    private static byte[] fixture(String name) {
        return MailFixtures.load("authentication/" + name + ".eml", Map.of());
    }

    /** Delivers a mail to an alias over SMTP as the relay would, its Received line on top; the log entry's id. */
    private long smtp(String mailFrom, String alias, byte[] mail) throws Exception {
        byte[] relayed = (received("mail." + mailFrom.substring(mailFrom.indexOf('@') + 1))
                        + new String(mail, StandardCharsets.ISO_8859_1))
                .getBytes(StandardCharsets.ISO_8859_1);
        try (ReceiverClient smtp =
                ReceiverClient.greeted(receiver.port().orElseThrow(), "EHLO mx.mycompany.example", 30_000)) {
            assertThat(smtp.send("MAIL FROM:<" + mailFrom + ">")).startsWith("250 ");
            assertThat(smtp.send("RCPT TO:<" + alias + "@mycompany.example>")).startsWith("250 ");
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
