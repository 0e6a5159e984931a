package com.perfectwork.mail.deliverability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.OutgoingFixture;
import com.perfectwork.mail.ReceivedMail;
import com.perfectwork.mail.outgoing.BulkMail;
import com.perfectwork.mail.outgoing.BulkMessage;
import com.perfectwork.mail.outgoing.BulkRecipient;
import com.perfectwork.mail.outgoing.MailQueue;
import com.perfectwork.mail.peers.InstalledPeers;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Mails signed by the server, as GreenMail received them, verified by an independent DKIM implementation (dkimpy)
 * that looks the key up in the record the API gave for it.
 */
@ApiTest
class DkimSigningIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @LocalServerPort
    int port;

    @Autowired
    BulkMail bulkMail;

    @Autowired
    MailQueue queue;

    @Autowired
    Clock clock;

    ApiClient admin;
    OutgoingFixture fixture;
    String domain;
    final List<JsonNode> keys = new ArrayList<>();

    @BeforeAll
    static void dkimpyIsInstalled() {
        InstalledPeers.assume("dkimverify");
    }

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        domain = "dkim-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        fixture = new OutgoingFixture(admin).noServers().catchallDomain(domain);
        fixture.server("signed", smtp.getSmtp().getPort(), null, 10, Map.of());
    }

    @AfterEach
    void tearDown() {
        keys.forEach(key -> admin.delete("/api/dkim-keys/" + key.get("id").asLong()));
        fixture.noServers().catchallDomain(null);
    }

    @Test
    void aCommentWithAnAttachmentNonAsciiHeadersAndALongLineIsSignedWithRsa() throws Exception {
        JsonNode key = key(Map.of("domain", domain.toUpperCase()));
        assertThat(key.get("algorithm").asString()).isEqualTo("rsa-sha256");
        assertThat(key.get("selector").asString()).matches("pw\\d{6}");
        assertThat(key.get("dnsName").asString()).isEqualTo(key.get("selector").asString() + "._domainkey." + domain);
        assertThat(key.get("dnsValue").asString()).startsWith("v=DKIM1; k=rsa; p=MIIBIjAN");
        assertThat(key.get("zoneFile").asString()).contains("\" \"").endsWith("\" )");
        assertThat(key.toString()).doesNotContain("private");

        long record = fixture.record("Étagères pour le bureau");
        String mary = fixture.follower(record, "Mary Ünsal", "customer.example")
                .get("email")
                .asString();
        long zoe = fixture.author("Zoë Müller", domain);
        String longLine = "x".repeat(1500);
        byte[] attachment = new byte[5000];
        new java.util.Random(7).nextBytes(attachment);
        fixture.postWithAttachment(
                record, zoe, "<p>Voilà le devis, été 2026.</p><p>" + longLine + "</p>", "devis été.bin", attachment);

        byte[] raw = awaitRaw(mary);
        assertThat(new String(raw, StandardCharsets.ISO_8859_1)).contains("DKIM-Signature: v=1; a=rsa-sha256");
        assertThat(verify(raw, key)).containsExactly(key.get("selector").asString() + " pass");
        assertThat(verify(tampered(raw), key))
                .containsExactly(key.get("selector").asString() + " fail");
    }

    @Test
    void anEd25519KeySignsToo() throws Exception {
        JsonNode key = key(Map.of("domain", domain, "selector", "ed1", "algorithm", "ed25519-sha256"));
        assertThat(key.get("dnsValue").asString())
                .startsWith("v=DKIM1; k=ed25519; p=")
                .hasSize(22 + 44);
        String mary = commentTo("Ann Seller");

        assertThat(verify(awaitRaw(mary), key)).containsExactly("ed1 pass");
    }

    @Test
    void aDomainWithoutAnActiveKeySendsUnsigned() throws Exception {
        JsonNode key = key(Map.of("domain", domain));
        assertThat(admin.put("/api/dkim-keys/" + key.get("id").asLong(), Map.of("active", false))
                        .json()
                        .get("active")
                        .asBoolean())
                .isFalse();
        String mary = commentTo("Ann Seller");

        assertThat(verify(awaitRaw(mary), key)).containsExactly("unsigned");
    }

    @Test
    void afterARotationTheNewestKeySignsAndTheOldRecordStaysValid() throws Exception {
        JsonNode old = key(Map.of("domain", domain));
        JsonNode newer = key(Map.of("domain", domain, "active", false));
        assertThat(newer.get("selector").asString())
                .isEqualTo(old.get("selector").asString() + "b");
        assertThat(newer.get("active").asBoolean()).isFalse();
        String before = commentTo("Ann Seller");
        assertThat(verify(awaitRaw(before), old, newer))
                .containsExactly(old.get("selector").asString() + " pass");
        admin.put("/api/dkim-keys/" + newer.get("id").asLong(), Map.of("active", true));
        String mary = commentTo("Ann Seller");

        assertThat(verify(awaitRaw(mary), old, newer))
                .containsExactly(newer.get("selector").asString() + " pass");
        assertThat(admin.get("/api/dkim-keys")
                        .json()
                        .valueStream()
                        .filter(k -> k.get("domain").asString().equals(domain)))
                .hasSize(2);
    }

    @Test
    void aMassMailIsSigned() throws Exception {
        JsonNode key = key(Map.of("domain", domain));
        String reader = "reader." + UUID.randomUUID().toString().substring(0, 6) + "@reader.example";
        long bulk = bulkMail.create(new BulkMessage(
                "Nos nouvelles du printemps",
                "<p>Bonjour {{token}} !</p>",
                "Bonjour {{token}} !\n",
                "news@" + domain,
                null,
                null,
                "https://" + domain + "/mail/unsubscribe/{{token}}",
                "unsubscribe+{{token}}@" + domain,
                Map.of()));
        bulkMail.queue(bulk, List.of(new BulkRecipient(reader, "Rëader", "t0k3n")), clock.instant());
        queue.process();

        byte[] raw = awaitRaw(reader);
        assertThat(new String(raw, StandardCharsets.ISO_8859_1)).contains("list-unsubscribe:list-unsubscribe-post");
        assertThat(verify(raw, key)).containsExactly(key.get("selector").asString() + " pass");
    }

    @Test
    void aKeyRequestIsCheckedAndThePrivateKeyNeverAnswered() {
        assertThat(admin.post("/api/dkim-keys", Map.of("domain", "not a domain"))
                        .status())
                .isEqualTo(400);
        assertThat(admin.post("/api/dkim-keys", Map.of("domain", domain, "algorithm", "rsa-sha1"))
                        .status())
                .isEqualTo(400);
        assertThat(admin.post("/api/dkim-keys", Map.of("domain", domain, "selector", "a_b"))
                        .status())
                .isEqualTo(400);
        JsonNode key = key(Map.of("domain", "Bücher-" + domain, "selector", "s1"));
        assertThat(key.get("domain").asString()).isEqualTo(java.net.IDN.toASCII("bücher-" + domain));
        assertThat(admin.post(
                                "/api/dkim-keys",
                                Map.of("domain", key.get("domain").asString(), "selector", "s1"))
                        .status())
                .isEqualTo(409);
        assertThat(admin.get("/api/dkim-keys/" + key.get("id").asLong()).body())
                .doesNotContain("private", "BEGIN", "MIIE");
    }

    private JsonNode key(Map<String, Object> request) {
        ApiClient.Response created = admin.post("/api/dkim-keys", request);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        keys.add(created.json());
        return created.json();
    }

    /** A comment by an author of the test's domain to a new follower; returns the follower's address. */
    private String commentTo(String author) {
        long record = fixture.record("Desk");
        String mary = fixture.follower(record, "Mary", "customer.example")
                .get("email")
                .asString();
        fixture.post(record, fixture.author(author, domain), "Hello", "<p>hello</p>");
        return mary;
    }

    private byte[] awaitRaw(String recipient) throws Exception {
        await().atMost(Duration.ofSeconds(15))
                .until(() ->
                        !ReceivedMail.to(smtp.getReceivedMessages(), recipient).isEmpty());
        MimeMessage mail =
                ReceivedMail.to(smtp.getReceivedMessages(), recipient).get(0);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        mail.writeTo(raw);
        return raw.toByteArray();
    }

    /** A body changed on the way: a character of the last line before the closing boundary. */
    private static byte[] tampered(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("Voil");
        return (text.substring(0, at) + "voil" + text.substring(at + 4)).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** dkimpy's verdict on each signature of the mail, given the keys' records in place of DNS. */
    private static List<String> verify(byte[] raw, JsonNode... published) throws Exception {
        Path script = Path.of(DkimSigningIT.class.getResource("/dkim/verify.py").toURI());
        String interpreter = Files.readAllLines(InstalledPeers.find("dkimverify"))
                .get(0)
                .substring(2)
                .strip();
        List<String> command = new ArrayList<>(List.of(interpreter, script.toString()));
        for (JsonNode key : published) {
            command.add(
                    key.get("dnsName").asString() + "=" + key.get("dnsValue").asString());
        }
        Process process = new ProcessBuilder(command).start();
        try (var in = process.getOutputStream()) {
            in.write(raw);
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(err).isZero();
        return out.lines().toList();
    }
}
