package com.perfectwork.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The PostgreSQL server restarted while mails are being sent (a queue of 1 200 notifications) and received (200
 * mails over SMTP, 150 fetched from an IMAP mailbox): the server lives through it, says so in its log, and
 * afterwards every mail is delivered, every received mail is one record, nothing waits in the queue, and the
 * incoming server shows no error of its own (the database's failure is not the mail server's). The clients do what theirs do: an SMTP client whose mail
 * was answered with a temporary error sends it again, an API client whose post failed posts again.
 *
 * <p>The server is a process of its own on a database of its own, created and dropped here, so that only the
 * restart's effect on the connections is shared with the rest of the suite. PostgreSQL only (the CI's second
 * phase): skipped on H2, and where the cluster cannot be restarted from here ({@code pg_ctlcluster}, as root).
 */
class DatabaseRestartIT {

    private static final int FOLLOWERS = 30;
    private static final int POSTS = 40;
    private static final int RECEIVED = 200;
    private static final int FETCHED = 150;

    @RegisterExtension
    static GreenMailExtension imap = new GreenMailExtension(ServerSetupTest.IMAP.dynamicPort());

    @TempDir
    Path dataDir;

    String ownUrl;
    String database;

    @BeforeEach
    void aDatabaseOfItsOwn() {
        assumeTrue(
                PostgresDatabases.suiteUrl()
                        .filter(url -> url.startsWith("jdbc:postgresql://127.0.0.1"))
                        .isPresent(),
                "the local PostgreSQL only");
        assumeTrue(clusterVersion() != null, "a local cluster that pg_ctlcluster restarts");
        database = "restart_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        ownUrl = PostgresDatabases.create(database);
    }

    @AfterEach
    void dropIt() {
        if (database != null) {
            waitUntilPostgresIsBack();
            PostgresDatabases.drop(database);
        }
    }

    @Test
    void aDatabaseRestartUnderLoadLosesNothingAndLeavesNothingStuck() throws Exception {
        int smtpPort = ServerProcess.freePort();
        try (ScriptedSmtpServer sink = ScriptedSmtpServer.start().slowDown(2);
                ServerProcess server = new ServerProcess(
                                dataDir,
                                List.of(
                                        "--perfectwork.smtp-receiver.enabled=true",
                                        "--perfectwork.smtp-receiver.port=" + smtpPort,
                                        // the mails of a claim whose outcomes could not be written go again soon
                                        "--perfectwork.mail.queue.claim-lease=15s"),
                                List.of(
                                        "PERFECTWORK_ADMIN_PASSWORD=restart-password",
                                        "SPRING_DATASOURCE_URL=" + ownUrl))
                        .onCallersDatabase()) {
            server.start();
            ApiClient admin = ApiClient.basic(server.port(), "admin", "restart-password");
            admin.put("/api/config-parameters/mail.catchall.domain", Map.of("value", "mycompany.example"));
            admin.put("/api/config-parameters/mail.gateway.loop.threshold", Map.of("value", "100000"));
            assertThat(admin.post("/api/aliases", Map.of("name", "tickets", "model", "helpdesk.ticket"))
                            .status())
                    .isEqualTo(201);
            assertThat(admin.post("/api/aliases", Map.of("name", "orders", "model", "sale.order"))
                            .status())
                    .isEqualTo(201);
            GreenMailUser catchall = imap.setUser("catchall@mycompany.example", "catchall", "catchall-password");
            long incoming = admin.post(
                            "/api/incoming-servers",
                            Map.of(
                                    "name", "catchall",
                                    "protocol", "imap",
                                    "host", "127.0.0.1",
                                    "port", imap.getImap().getPort(),
                                    "security", "none",
                                    "username", "catchall",
                                    "password", "catchall-password"))
                    .id();
            assertThat(admin.post("/api/incoming-servers/" + incoming + "/test", Map.of())
                            .json()
                            .get("ok")
                            .asBoolean())
                    .isTrue();
            assertThat(admin.post("/api/mail-servers", Map.of("name", "sink", "host", "127.0.0.1", "port", sink.port()))
                            .status())
                    .isEqualTo(201);
            long record = admin.post("/api/records", Map.of("model", "crm.lead", "name", "Restart"))
                    .id();
            for (int i = 0; i < FOLLOWERS; i++) {
                admin.post(
                        "/api/records/" + record + "/followers",
                        Map.of("name", "F" + i, "email", "f" + i + "@customer.example"));
            }

            AtomicInteger postRetries = new AtomicInteger();
            CompletableFuture<Void> posting = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < POSTS; i++) {
                    Map<String, Object> body = Map.of("body", "<p>update " + i + "</p>");
                    while (!retried(
                            postRetries,
                            () -> admin.post("/api/records/" + record + "/messages", body)
                                            .status()
                                    == 201)) {
                        pause(50);
                    }
                    pause(150); // a post now and then, so that the queue is still sending when the database goes
                }
            });
            AtomicInteger received = new AtomicInteger();
            AtomicInteger smtpRetries = new AtomicInteger();
            CompletableFuture<Void> receiving = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < RECEIVED; i++) {
                    byte[] raw = ticket(i);
                    while (!retried(smtpRetries, () -> {
                        SmtpSubmission.send(smtpPort, raw, "tickets@mycompany.example");
                        return true;
                    })) {
                        pause(50);
                    }
                    received.incrementAndGet();
                    pause(60); // paced like the posts, so that mails arrive while the database is away
                }
            });

            // orders arrive in the mailbox as the tickets do, and are fetched as they come, through the restart
            AtomicInteger delivered = new AtomicInteger();
            CompletableFuture<Void> fetching = CompletableFuture.runAsync(() -> {
                Session session = Session.getInstance(new Properties());
                while (delivered.get() < FETCHED || seen(catchall) < FETCHED) {
                    for (int i = 0; i < 5 && delivered.get() < FETCHED; i++) {
                        deliver(catchall, session, order(delivered.getAndIncrement()));
                    }
                    try {
                        admin.post("/api/incoming-servers/" + incoming + "/fetch", Map.of());
                    } catch (RuntimeException e) {
                        // refused while the database was away: the mails wait in the mailbox for the next fetch
                    }
                    pause(200);
                }
            });

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> received.get() >= RECEIVED / 4
                            && delivered.get() >= FETCHED / 4
                            && sink.accepted().size() >= FOLLOWERS * POSTS / 10);
            long restartStarted = System.nanoTime();
            assertThat(run("pg_ctlcluster", "--skip-systemctl-redirect", clusterVersion(), "main", "restart"))
                    .isZero();
            waitUntilPostgresIsBack();
            long restartMillis = (System.nanoTime() - restartStarted) / 1_000_000;
            int receivedAtRestart = received.get();
            int fetchedAtRestart = seen(catchall);
            int acceptedAtRestart = sink.accepted().size();

            CompletableFuture.allOf(posting, receiving, fetching).get(180, java.util.concurrent.TimeUnit.SECONDS);
            int expected = POSTS * FOLLOWERS;
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> ScriptedSmtpServer.distinct(sink.accepted()) >= expected);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(admin.get("/api/mail-queue?state=outgoing").json().size())
                        .isZero();
                assertThat(admin.get("/api/mail-queue?state=exception").json().size())
                        .isZero();
            });

            int duplicates = sink.accepted().size() - ScriptedSmtpServer.distinct(sink.accepted());
            System.out.printf(
                    "database restart: %d ms (PostgreSQL back); at the restart %d of %d mails received, %d of %d"
                            + " fetched and %d of %d sent; afterwards %d SMTP and %d API retries by the clients, %d mails"
                            + " sent twice%n",
                    restartMillis,
                    receivedAtRestart,
                    RECEIVED,
                    fetchedAtRestart,
                    FETCHED,
                    acceptedAtRestart,
                    expected,
                    smtpRetries.get(),
                    postRetries.get(),
                    duplicates);
            assertThat(ScriptedSmtpServer.distinct(sink.accepted())).isEqualTo(expected);
            assertThat(admin.get("/api/records/" + record + "/messages").json().size())
                    .as("each post once, the ones the client had to repeat too")
                    .isEqualTo(POSTS);

            List<JsonNode> tickets = new ArrayList<>();
            admin.get("/api/records?model=helpdesk.ticket&limit=1000")
                    .json()
                    .valueStream()
                    .forEach(tickets::add);
            Set<String> expectedNames =
                    IntStream.range(0, RECEIVED).mapToObj(i -> "Ticket " + i).collect(Collectors.toSet());
            assertThat(tickets.stream().map(t -> t.get("name").asString()).collect(Collectors.toSet()))
                    .as("every received mail became a record")
                    .isEqualTo(expectedNames);
            assertThat(tickets).as("none became two").hasSize(RECEIVED);
            List<String> orders = admin.get("/api/records?model=sale.order&limit=1000")
                    .json()
                    .valueStream()
                    .map(r -> r.get("name").asString())
                    .toList();
            assertThat(Set.copyOf(orders))
                    .as("every fetched mail became a record")
                    .isEqualTo(IntStream.range(0, FETCHED)
                            .mapToObj(i -> "Order " + i)
                            .collect(Collectors.toSet()));
            assertThat(orders).as("none became two").hasSize(FETCHED);
            assertThat(admin.get("/api/incoming-servers/" + incoming)
                            .json()
                            .get("lastError")
                            .isNull())
                    .as("the database's failure is not recorded as the mail server's")
                    .isTrue();
            assertThat(admin.get("/api/inbound-log?outcome=failed").json().size())
                    .as("no mail kept as failed for a database that was away: the sender was told to try again")
                    .isZero();

            assertThat(server.isAlive()).as("the server lived through it").isTrue();
            JsonNode health =
                    ApiClient.anonymous(server.port()).get("/actuator/health").json();
            assertThat(health.get("status").asString()).isEqualTo("UP");
            assertThat(server.logText())
                    .as("the restart is in the log")
                    .containsIgnoringCase("terminating connection due to administrator command");
        }
    }

    /** One try of a client's request: false (and counted) when it failed and must be made again. */
    private static boolean retried(AtomicInteger retries, java.util.function.BooleanSupplier request) {
        boolean done;
        try {
            done = request.getAsBoolean();
        } catch (RuntimeException e) {
            done = false;
        }
        if (!done) {
            retries.incrementAndGet();
        }
        return done;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] ticket(int i) {
        return ("From: customer" + i + "@customer.example\r\nTo: tickets@mycompany.example\r\nSubject: Ticket " + i
                        + "\r\nMessage-ID: <restart-" + i + "@customer.example>\r\n\r\nPlease help with ticket " + i
                        + ".\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] order(int i) {
        return ("From: buyer" + i + "@customer.example\r\nTo: orders@mycompany.example\r\nSubject: Order " + i
                        + "\r\nMessage-ID: <restart-order-" + i + "@customer.example>\r\n\r\nPlease send order " + i
                        + ".\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static void deliver(GreenMailUser user, Session session, byte[] raw) {
        try {
            user.deliver(new MimeMessage(session, new ByteArrayInputStream(raw)));
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int seen(GreenMailUser user) {
        try {
            return (int) imap.getManagers().getImapHostManager().getInbox(user).getMessages().stream()
                    .filter(message -> message.getFlags().contains(Flags.Flag.SEEN))
                    .count();
        } catch (com.icegreen.greenmail.store.FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The version of the cluster pg_ctlcluster manages here, or null when there is none. */
    private static String clusterVersion() {
        String[] versions = new File("/etc/postgresql").list();
        return versions == null || versions.length == 0 || !new File("/usr/bin/pg_ctlcluster").canExecute()
                ? null
                : versions[0];
    }

    /** PostgreSQL takes connections again: the rest of the suite runs on it after this test. */
    private void waitUntilPostgresIsBack() {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> {
                    PostgresDatabases.execute(ownUrl, "SELECT 1");
                    return true;
                });
    }

    private static int run(String... command) throws Exception {
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }
}
