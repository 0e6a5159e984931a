package com.perfectwork.mail.outgoing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.OutgoingFixture;
import com.perfectwork.mail.ScriptedSmtpServer;
import com.perfectwork.mail.storage.Filestore;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Temporary and permanent failures, a server down and back, TLS and login failures. */
@ApiTest
class DeliveryFailuresIT {

    /**
     * An SMTPS server with a self-signed certificate and a user. Its threads fail loudly when a client
     * refuses its certificate or leaves inside DATA (as Test Connection does on purpose); Awaitility must not
     * take those for failures of the test.
     */
    static GreenMail smtps;

    @BeforeAll
    static void startSmtps() {
        Awaitility.doNotCatchUncaughtExceptionsByDefault();
        smtps = new GreenMail(ServerSetupTest.SMTPS.dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig()
                        .withUser("relay@mycompany.example", "relay", "right-password"));
        smtps.start();
    }

    @AfterAll
    static void stopSmtps() {
        smtps.stop();
        Awaitility.reset();
    }

    @LocalServerPort
    int port;

    @Autowired
    Filestore filestore;

    ApiClient admin;
    OutgoingFixture fixture;
    ScriptedSmtpServer scripted;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        fixture = new OutgoingFixture(admin).noServers().catchallDomain("mycompany.example");
    }

    @AfterEach
    void tearDown() {
        fixture.noServers();
        if (scripted != null) {
            scripted.close();
        }
    }

    @Test
    void aTemporaryFailureIsRetriedUntilItSucceeds() {
        scripted = ScriptedSmtpServer.start().failDataTemporarily(1);
        fixture.server("flaky", scripted.port(), null, 10, Map.of());
        long record = fixture.record("Retry");
        String mary = fixture.follower(record, "Mary", "customer.example")
                .get("email")
                .asString();
        fixture.post(record, fixture.author("Ann", "mycompany.example"), null, "<p>again</p>");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode mail = fixture.mailTo(mary);
            assertThat(mail.get("attempts").asInt()).isGreaterThanOrEqualTo(1);
        });
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode mail = fixture.mailTo(mary);
            assertThat(mail.get("state").asString()).isEqualTo("sent");
            assertThat(mail.get("attempts").asInt()).isEqualTo(2);
        });
        assertThat(scripted.acceptedFor(mary)).hasSize(1);
    }

    /**
     * Two messages' mails waiting for a server: the file of one message's attachment is gone from the filestore, so
     * its mail cannot be composed; it waits with the reason, and the other message's mail is sent all the same (the
     * queue reads the messages of a claim together, and one that fails must not fail the claim).
     */
    @Test
    void aMessageThatCannotBeComposedHoldsBackOnlyItsOwnMails() throws Exception {
        scripted = ScriptedSmtpServer.start();
        long record = fixture.record("Half composable");
        String mary = fixture.follower(record, "Mary", "customer.example")
                .get("email")
                .asString();
        long ann = fixture.author("Ann", "mycompany.example");
        byte[] content = ("report " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        fixture.postWithAttachment(record, ann, "<p>with a file</p>", "report.txt", content);
        Files.delete(filestore.file(
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content))));
        fixture.post(record, ann, null, "<p>without a file</p>");
        // the server comes after both mails were queued: the claim it releases usually takes them together
        fixture.server("sink", scripted.port(), null, 10, Map.of());

        await().atMost(Duration.ofSeconds(10))
                .until(() -> scripted.acceptedFor(mary).size() == 1);
        assertThat(scripted.acceptedFor(mary).get(0).data()).contains("without a file");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode held = fixture.queue("outgoing").stream()
                    .filter(m -> m.get("emailTo").asString().contains(mary))
                    .findFirst()
                    .orElseThrow();
            assertThat(held.get("failureReason").asString()).startsWith("could not prepare the mail");
            assertThat(held.get("attempts").asInt()).isGreaterThanOrEqualTo(1);
        });
    }

    @Test
    void whileRetryingTheLastErrorIsVisible() {
        scripted = ScriptedSmtpServer.start().failDataTemporarily(1000);
        fixture.server("busy", scripted.port(), null, 10, Map.of());
        long record = fixture.record("Busy");
        String mary = fixture.follower(record, "Mary", "customer.example")
                .get("email")
                .asString();
        fixture.post(record, fixture.author("Ann", "mycompany.example"), null, "<p>later</p>");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode mail = fixture.mailTo(mary);
            assertThat(mail.get("state").asString()).isEqualTo("outgoing");
            assertThat(mail.get("failureReason").asString()).contains("451").contains("Temporary local problem");
            assertThat(mail.get("failureType").asString()).isEqualTo("mail_smtp");
        });
        JsonNode notification = admin.get("/api/records/" + record + "/messages")
                .json()
                .get(0)
                .get("notifications")
                .get(0);
        assertThat(notification.get("status").asString()).isEqualTo("ready");
    }

    @Test
    void aRecipientRefusedAtRcptFailsAloneWithTheServersWords() {
        scripted = ScriptedSmtpServer.start();
        fixture.server("picky", scripted.port(), null, 10, Map.of());
        long record = fixture.record("Three recipients");
        String mary = fixture.follower(record, "Mary", "customer.example")
                .get("email")
                .asString();
        JsonNode gone = fixture.follower(record, "Gone", "customer.example");
        String john = fixture.follower(record, "John", "customer.example")
                .get("email")
                .asString();
        scripted.refuseRecipient(
                gone.get("email").asString(),
                550,
                "5.1.1 <" + gone.get("email").asString() + ">: Recipient address rejected: User unknown");
        fixture.post(record, fixture.author("Ann", "mycompany.example"), null, "<p>to three</p>");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode failed = fixture.mailTo(gone.get("email").asString());
            assertThat(failed.get("state").asString()).isEqualTo("exception");
            assertThat(failed.get("failureType").asString()).isEqualTo("mail_smtp");
            assertThat(failed.get("failureReason").asString()).contains("550").contains("User unknown");
            assertThat(fixture.mailTo(mary).get("state").asString()).isEqualTo("sent");
            assertThat(fixture.mailTo(john).get("state").asString()).isEqualTo("sent");
        });
        JsonNode message =
                admin.get("/api/records/" + record + "/messages").json().get(0);
        assertThat(message.get("deliveryFailed").asBoolean()).isTrue();
        JsonNode envelope = message.get("notifications")
                .valueStream()
                .filter(n ->
                        n.get("partnerId").asLong() == gone.get("partnerId").asLong())
                .findFirst()
                .orElseThrow();
        assertThat(envelope.get("status").asString()).isEqualTo("exception");
        assertThat(envelope.get("failureReason").asString()).contains("User unknown");
        assertThat(scripted.acceptedFor(mary)).hasSize(1);
        assertThat(scripted.acceptedFor(john)).hasSize(1);
    }

    @Test
    void aServerDownForAWhileGetsItsMailsWhenItComesBack() throws Exception {
        int downPort = freePort();
        fixture.server("down", downPort, null, 10, Map.of());
        long record = fixture.record("Down");
        String mary = fixture.follower(record, "Mary", "customer.example")
                .get("email")
                .asString();
        fixture.post(record, fixture.author("Ann", "mycompany.example"), null, "<p>when you are back</p>");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode mail = fixture.mailTo(mary);
            assertThat(mail.get("state").asString()).isEqualTo("outgoing");
            assertThat(mail.get("failureReason").asString()).containsIgnoringCase("connection refused");
        });
        scripted = ScriptedSmtpServer.startOn(downPort);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() ->
                        assertThat(fixture.mailTo(mary).get("state").asString()).isEqualTo("sent"));
        assertThat(scripted.acceptedFor(mary)).hasSize(1);
    }

    @Test
    void aSelfSignedCertificateIsRefusedUnlessTheServerSaysSo() {
        long checking = fixture.server("tls", smtps.getSmtps().getPort(), null, 10, Map.of("encryption", "ssl"));
        long record = fixture.record("TLS");
        String mary = fixture.follower(record, "Mary", "customer.example")
                .get("email")
                .asString();
        fixture.post(record, fixture.author("Ann", "mycompany.example"), null, "<p>secure?</p>");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode mail = fixture.mailTo(mary);
            assertThat(mail.get("state").asString()).isEqualTo("exception");
            assertThat(mail.get("failureReason").asString()).startsWith("TLS error");
        });
        JsonNode test =
                admin.post("/api/mail-servers/" + checking + "/test", Map.of()).json();
        assertThat(test.get("ok").asBoolean()).isFalse();
        assertThat(test.get("stage").asString()).isEqualTo("tls");

        admin.put("/api/mail-servers/" + checking, Map.of("verifyCertificates", false));
        assertThat(admin.post("/api/mail-servers/" + checking + "/test", Map.of())
                        .json()
                        .get("ok")
                        .asBoolean())
                .isTrue();
        long mailId = fixture.mailTo(mary).get("id").asLong();
        assertThat(admin.post("/api/mail-queue/" + mailId + "/retry", Map.of()).status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        assertThat(fixture.mailTo(mary).get("state").asString()).isEqualTo("sent"));
        assertThat(smtps.getReceivedMessages()).isNotEmpty();
    }

    @Test
    void aRefusedLoginFailsTheMailAndTheConnectionTestSaysWhy() {
        long server = fixture.server(
                "auth",
                smtps.getSmtps().getPort(),
                null,
                10,
                Map.of(
                        "encryption",
                        "ssl",
                        "verifyCertificates",
                        false,
                        "username",
                        "relay",
                        "password",
                        "wrong-password"));
        ApiClient.Response test = admin.post("/api/mail-servers/" + server + "/test", Map.of());
        assertThat(test.json().get("ok").asBoolean()).isFalse();
        assertThat(test.json().get("stage").asString()).isEqualTo("auth");
        assertThat(test.json().get("message").asString()).contains("535");

        long record = fixture.record("Auth");
        String mary = fixture.follower(record, "Mary", "customer.example")
                .get("email")
                .asString();
        fixture.post(record, fixture.author("Ann", "mycompany.example"), null, "<p>login</p>");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode mail = fixture.mailTo(mary);
            assertThat(mail.get("state").asString()).isEqualTo("exception");
            assertThat(mail.get("failureReason").asString()).contains("535");
        });

        admin.put("/api/mail-servers/" + server, Map.of("password", "right-password"));
        assertThat(admin.post("/api/mail-servers/" + server + "/test", Map.of())
                        .json()
                        .get("ok")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void aConnectionTestAgainstNothingSaysItCouldNotConnect() throws Exception {
        long server = fixture.server("nothing", freePort(), null, 10, Map.of());
        JsonNode test =
                admin.post("/api/mail-servers/" + server + "/test", Map.of()).json();
        assertThat(test.get("ok").asBoolean()).isFalse();
        assertThat(test.get("stage").asString()).isEqualTo("connect");
        assertThat(test.get("message").asString())
                .startsWith("Could not connect to 127.0.0.1:")
                .containsIgnoringCase("refused");
    }

    @Test
    void aConnectionTestThatSucceedsDeliversNothing() {
        scripted = ScriptedSmtpServer.start();
        long server = fixture.server("fine", scripted.port(), "mycompany.example", 10, Map.of());
        JsonNode test =
                admin.post("/api/mail-servers/" + server + "/test", Map.of()).json();
        assertThat(test.get("ok").asBoolean()).as(test.toString()).isTrue();
        assertThat(test.get("message").asString()).contains("noreply@mycompany.example");
        assertThat(scripted.accepted()).isEmpty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
