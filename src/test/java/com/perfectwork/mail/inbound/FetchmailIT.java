package com.perfectwork.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.MailFixtures;
import com.perfectwork.mail.OutgoingFixture;
import com.perfectwork.mail.ReceivedMail;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * End to end through real servers: a follower gets a notification, replies; the reply waits in the
 * catchall mailbox, is fetched over IMAP (or POP3), lands in its thread and is relayed to the other followers.
 */
@ApiTest
class FetchmailIT {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(new com.icegreen.greenmail.util.ServerSetup[] {
        ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.POP3.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()
    });

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient admin;
    OutgoingFixture fixture;
    GreenMailUser catchall;
    long record;
    String mary;
    String john;
    String notification;

    @BeforeEach
    void aThreadAndItsCatchallMailbox() {
        admin = ApiClient.admin(port);
        fixture = new OutgoingFixture(admin).noServers().catchallDomain("mycompany.example");
        admin.get("/api/incoming-servers")
                .json()
                .valueStream()
                .forEach(
                        s -> admin.delete("/api/incoming-servers/" + s.get("id").asLong()));
        catchall = mail.setUser("catchall@mycompany.example", "catchall", "catchall-password");
        fixture.server("local", mail.getSmtp().getPort(), null, 10, Map.of());
        record = fixture.record("Chairs");
        mary = fixture.follower(record, "Mary Customer", "customer.example")
                .get("email")
                .asString();
        john = fixture.follower(record, "John", "client.example").get("email").asString();
        notification = fixture.post(
                        record,
                        fixture.author("Ann", "mycompany.example"),
                        "Delivery of 50 chairs",
                        "<p>Can you confirm?</p>")
                .get("messageId")
                .asString();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ReceivedMail.to(mail.getReceivedMessages(), john).size() == 1);
    }

    @AfterEach
    void tearDown() {
        fixture.noServers();
    }

    @Test
    void aReplyFetchedOverImapLandsInItsThreadAndIsRelayed() throws Exception {
        deliverReplyFromMary();
        long server = incoming("imap", mail.getImap().getPort(), "catchall-password");
        JsonNode test = admin.post("/api/incoming-servers/" + server + "/test", Map.of())
                .json();
        assertThat(test.get("ok").asBoolean()).as(test.toString()).isTrue();
        assertThat(admin.get("/api/incoming-servers/" + server)
                        .json()
                        .get("state")
                        .asString())
                .isEqualTo("confirmed");

        JsonNode fetched = admin.post("/api/incoming-servers/" + server + "/fetch", Map.of())
                .json();
        assertThat(fetched.get("fetched").asInt()).isEqualTo(1);
        assertThat(fetched.get("processed").asInt()).isEqualTo(1);
        assertThat(fetched.get("failed").asInt()).isZero();

        JsonNode thread = admin.get("/api/records/" + record + "/messages").json();
        JsonNode reply = thread.get(thread.size() - 1);
        assertThat(reply.get("type").asString()).isEqualTo("email");
        assertThat(reply.get("authorName").asString()).isEqualTo("Mary Customer");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ReceivedMail.to(mail.getReceivedMessages(), john).size() == 2);
        assertThat(ReceivedMail.to(mail.getReceivedMessages(), mary)).hasSize(1);

        // marked \\Seen only once stored: a second fetch takes nothing
        assertThat(admin.post("/api/incoming-servers/" + server + "/fetch", Map.of())
                        .json()
                        .get("fetched")
                        .asInt())
                .isZero();
        JsonNode listed = admin.get("/api/incoming-servers/" + server).json();
        assertThat(listed.get("lastFetchAt").isNull()).isFalse();
        assertThat(listed.get("lastError").isNull()).isTrue();
        assertThat(listed.has("password")).isFalse();
    }

    @Test
    void aReplyFetchedOverPop3IsDeletedFromTheMailbox() throws Exception {
        deliverReplyFromMary();
        long server = incoming("pop3", mail.getPop3().getPort(), "catchall-password");
        assertThat(admin.post("/api/incoming-servers/" + server + "/test", Map.of())
                        .json()
                        .get("ok")
                        .asBoolean())
                .isTrue();
        JsonNode fetched = admin.post("/api/incoming-servers/" + server + "/fetch", Map.of())
                .json();
        assertThat(fetched.get("processed").asInt()).isEqualTo(1);
        assertThat(admin.get("/api/records/" + record + "/messages").json().size())
                .isEqualTo(2);
        assertThat(admin.post("/api/incoming-servers/" + server + "/fetch", Map.of())
                        .json()
                        .get("fetched")
                        .asInt())
                .isZero();
    }

    @Test
    void theScheduledFetchmailTakesConfirmedServersOnly() throws Exception {
        deliverReplyFromMary();
        long server = incoming("imap", mail.getImap().getPort(), "catchall-password");
        long fetchmail = admin.get("/api/scheduled-actions")
                .json()
                .valueStream()
                .filter(a -> a.get("code").asString().equals("mail_fetchmail"))
                .findFirst()
                .orElseThrow()
                .get("id")
                .asLong();
        JsonNode action = admin.get("/api/scheduled-actions/" + fetchmail).json();
        assertThat(action.get("name").asString()).isEqualTo("Mail: Fetchmail Service");
        assertThat(action.get("intervalNumber").asInt()).isEqualTo(5);
        assertThat(action.get("intervalType").asString()).isEqualTo("minutes");

        admin.post("/api/scheduled-actions/" + fetchmail + "/run", Map.of());
        assertThat(admin.get("/api/records/" + record + "/messages").json().size())
                .as("a draft server is not fetched")
                .isEqualTo(1);

        admin.post("/api/incoming-servers/" + server + "/test", Map.of());
        JsonNode ran = admin.post("/api/scheduled-actions/" + fetchmail + "/run", Map.of())
                .json();
        assertThat(ran.get("lastRunDetail").asString()).startsWith("fetched 1, processed 1");
        assertThat(admin.get("/api/records/" + record + "/messages").json().size())
                .isEqualTo(2);
    }

    @Test
    void aMailNoAliasTakesCreatesARecordOfTheServersFallbackModel() throws Exception {
        long server = incoming("imap", mail.getImap().getPort(), "catchall-password");
        admin.put("/api/incoming-servers/" + server, Map.of("fallbackModel", "helpdesk.ticket"));
        admin.post("/api/incoming-servers/" + server + "/test", Map.of());
        String subject = "Printer broken " + System.nanoTime();
        byte[] raw = ("From: client@else.example\r\nTo: help@mycompany.example\r\nSubject: " + subject
                        + "\r\nMessage-ID: <" + System.nanoTime() + "@else.example>\r\n\r\nPlease help.\r\n")
                .getBytes();
        catchall.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
        assertThat(admin.post("/api/incoming-servers/" + server + "/fetch", Map.of())
                        .json()
                        .get("processed")
                        .asInt())
                .isEqualTo(1);
        JsonNode created = admin.get("/api/inbound-log?outcome=created").json().get(0);
        assertThat(created.get("model").asString()).isEqualTo("helpdesk.ticket");
        assertThat(admin.get("/api/records/" + created.get("recordId").asLong())
                        .json()
                        .get("name")
                        .asString())
                .isEqualTo(subject);
    }

    @Test
    void aMailThatCannotBeStoredStaysInTheMailboxAndTheServerSaysWhy() throws Exception {
        long server = incoming("imap", mail.getImap().getPort(), "catchall-password");
        admin.post("/api/incoming-servers/" + server + "/test", Map.of());
        byte[] huge = ("From: big@else.example\r\nTo: catchall@mycompany.example\r\nSubject: huge\r\n\r\n"
                        + "x".repeat(51 * 1024 * 1024) + "\r\n")
                .getBytes();
        catchall.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(huge)));
        JsonNode fetched = admin.post("/api/incoming-servers/" + server + "/fetch", Map.of())
                .json();
        assertThat(fetched.get("failed").asInt()).isEqualTo(1);
        assertThat(admin.get("/api/incoming-servers/" + server)
                        .json()
                        .get("lastError")
                        .asString())
                .startsWith("left in the mailbox, not stored")
                .contains("perfectwork.inbound.max-size");
        // still there, unseen, for when the limit is raised
        assertThat(admin.post("/api/incoming-servers/" + server + "/fetch", Map.of())
                        .json()
                        .get("fetched")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void aWrongPasswordLeavesTheServerInDraftWithTheServersWords() {
        long server = incoming("imap", mail.getImap().getPort(), "wrong-password");
        JsonNode test = admin.post("/api/incoming-servers/" + server + "/test", Map.of())
                .json();
        assertThat(test.get("ok").asBoolean()).isFalse();
        assertThat(test.get("message").asString()).contains("failed");
        assertThat(admin.get("/api/incoming-servers/" + server)
                        .json()
                        .get("state")
                        .asString())
                .isEqualTo("draft");

        JsonNode fetched = admin.post("/api/incoming-servers/" + server + "/fetch", Map.of())
                .json();
        assertThat(fetched.get("fetched").asInt()).isZero();
        assertThat(admin.get("/api/incoming-servers/" + server)
                        .json()
                        .get("lastError")
                        .asString())
                .isNotBlank();
    }

    @Test
    void aServerFailingForFiveDaysIsSetBackToDraftAndTheAdministratorsAreTold() throws Exception {
        String adminEmail = "it-admin." + System.nanoTime() + "@mycompany.example";
        assertThat(admin.post(
                                "/api/users",
                                Map.of(
                                        "login",
                                        adminEmail,
                                        "password",
                                        "admin-password-2",
                                        "name",
                                        "IT Admin",
                                        "email",
                                        adminEmail,
                                        "role",
                                        "admin"))
                        .status())
                .isEqualTo(201);
        long server = incoming("imap", mail.getImap().getPort(), "wrong-password");
        // confirmed once, failing for six days now: the next failure gives up on it
        jdbc.sql("UPDATE incoming_servers SET state = 'confirmed', failing_since = ? WHERE id = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).minusDays(6), server)
                .update();

        admin.post("/api/incoming-servers/" + server + "/fetch", Map.of());

        assertThat(admin.get("/api/incoming-servers/" + server)
                        .json()
                        .get("state")
                        .asString())
                .isEqualTo("draft");
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        ReceivedMail.to(mail.getReceivedMessages(), adminEmail).size() == 1);
        MimeMessage notice =
                ReceivedMail.to(mail.getReceivedMessages(), adminEmail).get(0);
        assertThat(notice.getSubject()).isEqualTo("Incoming mail server imap catchall set back to draft");
        assertThat(notice.getContent().toString())
                .contains("has been set back to draft")
                .contains("Test & Confirm")
                .contains("Last error:");
        assertThat(notice.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        admin.put(
                "/api/users/"
                        + admin.get("/api/users")
                                .json()
                                .valueStream()
                                .filter(u -> u.get("login").asString().equals(adminEmail))
                                .findFirst()
                                .orElseThrow()
                                .get("id")
                                .asLong(),
                Map.of("active", false));
    }

    @Test
    void serversAreCheckedAndChangingTheConnectionNeedsANewConfirmation() {
        ApiClient.Response bad = admin.post(
                "/api/incoming-servers", Map.of("name", "x", "protocol", "smtp", "host", "h.example", "username", "u"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(admin.post(
                                "/api/incoming-servers",
                                Map.of(
                                        "name",
                                        "x",
                                        "protocol",
                                        "pop3",
                                        "host",
                                        "h.example",
                                        "username",
                                        "u",
                                        "idle",
                                        true))
                        .status())
                .isEqualTo(400);
        JsonNode ssl = admin.post(
                        "/api/incoming-servers",
                        Map.of("name", "ssl", "host", "imap.example.com", "username", "u", "password", "p"))
                .json();
        assertThat(ssl.get("port").asInt()).isEqualTo(993);
        assertThat(ssl.get("protocol").asString()).isEqualTo("imap");
        assertThat(ssl.get("folder").asString()).isEqualTo("INBOX");
        assertThat(ssl.get("passwordSet").asBoolean()).isTrue();

        long server = incoming("imap", mail.getImap().getPort(), "catchall-password");
        admin.post("/api/incoming-servers/" + server + "/test", Map.of());
        assertThat(admin.put("/api/incoming-servers/" + server, Map.of("name", "renamed"))
                        .json()
                        .get("state")
                        .asString())
                .isEqualTo("confirmed");
        assertThat(admin.put("/api/incoming-servers/" + server, Map.of("folder", "Archive"))
                        .json()
                        .get("state")
                        .asString())
                .isEqualTo("draft");
    }

    private long incoming(String protocol, int serverPort, String password) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "name",
                protocol + " catchall",
                "protocol",
                protocol,
                "host",
                "127.0.0.1",
                "port",
                serverPort,
                "security",
                "none",
                "username",
                "catchall",
                "password",
                password));
        ApiClient.Response created = admin.post("/api/incoming-servers", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("state").asString()).isEqualTo("draft");
        return created.id();
    }

    private void deliverReplyFromMary() throws Exception {
        byte[] raw = MailFixtures.load(
                "replies/gmail-reply.eml",
                Map.of("FROM", mary, "MESSAGE_ID", notification, "ROOT_ID", "root@elsewhere.example"));
        catchall.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
    }
}
