package com.perfectwork.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.ImapClient;
import com.perfectwork.mail.MailFixtures;
import com.perfectwork.mail.OutgoingFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Push through a real IMAP server in IDLE (GreenMail): a reply appended to the catchall mailbox lands in its
 * thread within seconds while the scheduled fetch waits a day; the connection comes back after the server
 * restarts; servers without push are not held; one instance of a cluster holds a server at a time.
 */
@ApiTest
class ImapIdleIT {

    private static final Duration SOON = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    ImapIdle imapIdle;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ImapIdleSettings settings;

    @Autowired
    Clock clock;

    ApiClient admin;
    OutgoingFixture fixture;
    GreenMail mail;
    GreenMailUser catchall;
    int imapPort;
    ImapClient mailbox;
    long record;
    String mary;
    String notification;
    long fetchmailAction;

    @BeforeEach
    void aThreadAndItsCatchallMailbox() {
        admin = ApiClient.admin(port);
        fixture = new OutgoingFixture(admin).noServers().catchallDomain("mycompany.example");
        deleteIncomingServers();
        // on a port of its own, kept across a restart, so that the server record still points at it
        imapPort = freePort();
        mail = new GreenMail(new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        mail.start();
        catchall = mail.setUser("catchall@mycompany.example", "catchall", "catchall-password");
        mailbox = new ImapClient(imapPort, "catchall", "catchall-password");
        record = fixture.record("Chairs");
        mary = fixture.follower(record, "Mary Customer", "customer.example")
                .get("email")
                .asString();
        notification = fixture.post(
                        record,
                        fixture.author("Ann", "mycompany.example"),
                        "Delivery of 50 chairs",
                        "<p>Can you confirm?</p>")
                .get("messageId")
                .asString();
        fetchmailAction = admin.get("/api/scheduled-actions")
                .json()
                .valueStream()
                .filter(a -> a.get("code").asString().equals("mail_fetchmail"))
                .findFirst()
                .orElseThrow()
                .get("id")
                .asLong();
        // the scheduled fetch waits a day: whatever arrives here arrives by push
        admin.put(
                "/api/scheduled-actions/" + fetchmailAction,
                Map.of(
                        "intervalNumber",
                        1,
                        "intervalType",
                        "days",
                        "nextCall",
                        Instant.now().plus(Duration.ofDays(1)).toString()));
    }

    @AfterEach
    void tearDown() {
        deleteIncomingServers();
        await().atMost(SOON).until(() -> imapIdle.held().isEmpty());
        admin.put(
                "/api/scheduled-actions/" + fetchmailAction,
                Map.of(
                        "intervalNumber",
                        5,
                        "intervalType",
                        "minutes",
                        "nextCall",
                        Instant.now().plus(Duration.ofMinutes(5)).toString()));
        fixture.noQueuedMails();
        mail.stop();
    }

    @Test
    void aReplyAppendedToAPushServerLandsInItsThreadAtOnce() throws Exception {
        long server = confirmed(true);
        await().atMost(SOON).until(() -> imapIdle.held().contains(server));

        mailbox.append(replyFromMary());

        await().atMost(SOON).until(() -> thread().size() == 2);
        JsonNode reply = thread().get(1);
        assertThat(reply.get("type").asString()).isEqualTo("email");
        assertThat(reply.get("authorName").asString()).isEqualTo("Mary Customer");
        JsonNode listed = admin.get("/api/incoming-servers/" + server).json();
        assertThat(listed.get("lastError").isNull()).isTrue();
        assertThat(listed.get("lastFetchAt").isNull()).isFalse();
    }

    @Test
    void afterTheServerDropsTheConnectionItIsHeldAgainAndMailStillArrives() throws Exception {
        long server = confirmed(true);
        await().atMost(SOON).until(() -> imapIdle.held().contains(server));
        mailbox.append(replyFromMary());
        await().atMost(SOON).until(() -> thread().size() == 2);

        mail.stop();
        await().atMost(SOON)
                .alias("the lost connection is recorded on the server")
                .until(() -> !admin.get("/api/incoming-servers/" + server)
                        .json()
                        .get("lastError")
                        .isNull());
        mail.start();
        mail.setUser("catchall@mycompany.example", "catchall", "catchall-password");
        await().atMost(SOON)
                .alias("held again, the error cleared")
                .until(() -> admin.get("/api/incoming-servers/" + server)
                        .json()
                        .get("lastError")
                        .isNull());

        mailbox.append(replyFromMary());
        await().atMost(SOON).until(() -> thread().size() == 3);
        assertThat(admin.get("/api/incoming-servers/" + server)
                        .json()
                        .get("state")
                        .asString())
                .isEqualTo("confirmed");
    }

    @Test
    void aMailThatFailsDoesNotStopPush() throws Exception {
        long server = confirmed(true);
        await().atMost(SOON).until(() -> imapIdle.held().contains(server));

        // nested deeper than the parser takes (FetchFaultsIT fetches one of 5 000 levels; 200 fail the same way
        // without the test IMAP server spending seconds on the structure)
        DeepMail.deliver(
                catchall,
                DeepMail.nested(
                        200, "Deep", "deep-" + System.nanoTime() + "@else.example", "catchall@mycompany.example"));
        mailbox.append(replyFromMary());

        await().atMost(Duration.ofMinutes(2))
                .alias("the mail after it pushed and posted")
                .until(() -> thread().size() == 2);
        JsonNode listed = admin.get("/api/incoming-servers/" + server).json();
        assertThat(listed.get("failedMails").asInt()).isEqualTo(1);
        assertThat(imapIdle.held()).as("still held").contains(server);
        mailbox.append(replyFromMary());
        await().atMost(SOON).alias("still pushed").until(() -> thread().size() == 3);
    }

    @Test
    void aServerWithoutPushIsNotHeldUntilPushIsTurnedOn() throws Exception {
        long server = confirmed(false);
        mailbox.append(replyFromMary());
        await().during(Duration.ofSeconds(2))
                .atMost(SOON)
                .until(() -> !imapIdle.held().contains(server) && thread().size() == 1);

        admin.put("/api/incoming-servers/" + server, Map.of("idle", true));
        await().atMost(SOON).until(() -> imapIdle.held().contains(server));
        // what waited in the mailbox is taken as soon as the connection is held
        await().atMost(SOON).until(() -> thread().size() == 2);

        admin.delete("/api/incoming-servers/" + server);
        await().atMost(SOON).until(() -> !imapIdle.held().contains(server));
    }

    @Test
    void oneInstanceHoldsAServerAtATime() throws Exception {
        long server = confirmed(true);
        await().atMost(SOON).until(() -> imapIdle.held().contains(server));
        IdleLeases otherInstance = new IdleLeases(jdbc, settings, clock);
        assertThat(otherInstance.take(server)).as("held by this instance").isFalse();

        admin.put("/api/incoming-servers/" + server, Map.of("idle", false));
        await().atMost(SOON).until(() -> !imapIdle.held().contains(server));
        assertThat(otherInstance.take(server)).as("let go: free to take").isTrue();

        admin.put("/api/incoming-servers/" + server, Map.of("idle", true));
        mailbox.append(replyFromMary());
        await().during(Duration.ofSeconds(2))
                .atMost(SOON)
                .until(() -> !imapIdle.held().contains(server) && thread().size() == 1);

        otherInstance.release(server);
        await().atMost(SOON).until(() -> imapIdle.held().contains(server));
        await().atMost(SOON).until(() -> thread().size() == 2);
    }

    private long confirmed(boolean idle) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "name", "catchall", "protocol", "imap", "host", "127.0.0.1", "port", imapPort, "security", "none"));
        body.putAll(Map.of("username", "catchall", "password", "catchall-password", "idle", idle));
        ApiClient.Response created = admin.post("/api/incoming-servers", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode test = admin.post("/api/incoming-servers/" + created.id() + "/test", Map.of())
                .json();
        assertThat(test.get("ok").asBoolean()).as(test.toString()).isTrue();
        return created.id();
    }

    private byte[] replyFromMary() {
        return MailFixtures.load(
                "replies/gmail-reply.eml",
                Map.of("FROM", mary, "MESSAGE_ID", notification, "ROOT_ID", "root@elsewhere.example"));
    }

    private JsonNode thread() {
        return admin.get("/api/records/" + record + "/messages").json();
    }

    private void deleteIncomingServers() {
        admin.get("/api/incoming-servers")
                .json()
                .valueStream()
                .forEach(
                        s -> admin.delete("/api/incoming-servers/" + s.get("id").asLong()));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
