package com.perfectwork.mail.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ServerProcess;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The packaged jar against a real Postfix as its outgoing server: STARTTLS with a self-signed certificate, SASL
 * AUTH checked by Dovecot, Test Connection with Postfix's own answers, and a comment's notifications delivered by
 * Postfix into each follower's Maildir.
 */
class PostfixPeerIT {

    private static final String ADMIN_PASSWORD = "postfix-peer-password";
    private static final List<String> FOLLOWERS = List.of("alice", "bob");

    @TempDir
    static Path dir;

    static PrivatePostfix postfix;
    static ServerProcess server;
    static ApiClient api;
    static final int RECEIVER_PORT = ServerProcess.freePort();

    @BeforeAll
    static void postfixAndServer() throws Exception {
        InstalledPeers.assume("postfix", "postmap", "postconf", "dovecot", "doveadm", "openssl", "swaks");
        postfix = PrivatePostfix.start(
                Files.createDirectories(dir.resolve("postfix")), FOLLOWERS, "mycompany.example", RECEIVER_PORT);
        server = new ServerProcess(
                        Files.createDirectories(dir.resolve("server")),
                        List.of(
                                "--perfectwork.smtp-receiver.enabled=true",
                                "--perfectwork.smtp-receiver.port=" + RECEIVER_PORT),
                        List.of("PERFECTWORK_ADMIN_PASSWORD=" + ADMIN_PASSWORD))
                .start();
        api = ApiClient.basic(server.port(), "admin", ADMIN_PASSWORD);
        api.put("/api/config-parameters/mail.catchall.domain", Map.of("value", "mycompany.example"));
        assertThat(api.post("/api/aliases", Map.of("name", "tickets", "model", "helpdesk.ticket"))
                        .status())
                .isEqualTo(201);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (postfix != null) {
            postfix.close();
        }
    }

    @Test
    void commentReachesEachFollowersMaildirThroughAuthenticatedTls() throws Exception {
        long wrongId = mailServer("wrong-password");
        JsonNode wrong = testConnection(wrongId);
        assertThat(wrong.get("ok").asBoolean()).isFalse();
        // Postfix's own words for a failed AUTH
        assertThat(wrong.get("message").asString()).contains("535 5.7.8");
        System.out.println("wrong password: " + wrong.get("message").asString());
        api.delete("/api/mail-servers/" + wrongId);

        long serverId = mailServer(PrivatePostfix.PASSWORD);
        JsonNode right = testConnection(serverId);
        assertThat(right.get("ok").asBoolean()).as(right.toString()).isTrue();

        long record = api.post("/api/records", Map.of("model", "crm.lead", "name", "Postfix peer"))
                .id();
        for (String follower : FOLLOWERS) {
            assertThat(api.post(
                                    "/api/records/" + record + "/followers",
                                    Map.of("name", follower, "email", follower + "@" + PrivatePostfix.FOLLOWERS_DOMAIN))
                            .status())
                    .isEqualTo(201);
        }
        String text = "Delivered by a real Postfix";
        assertThat(api.post(
                                "/api/records/" + record + "/messages",
                                Map.of("body", "<p>" + text + "</p>", "type", "comment"))
                        .status())
                .isEqualTo(201);

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> FOLLOWERS.stream().allMatch(f -> !postfix.mails(f).isEmpty()));
        // a second copy would come within the queue's next pass: give it the time to show
        Thread.sleep(1500);

        Map<String, JsonNode> sent = new HashMap<>();
        api.get("/api/mail-queue?state=sent")
                .json()
                .forEach(m -> sent.put(m.get("emailTo").asString(), m));
        for (String follower : FOLLOWERS) {
            List<String> mails = postfix.mails(follower);
            assertThat(mails).as(follower + "'s Maildir\n" + postfix.logText()).hasSize(1);
            MimeMessage mail = new MimeMessage(
                    Session.getInstance(new Properties()),
                    new ByteArrayInputStream(mails.get(0).getBytes(StandardCharsets.ISO_8859_1)));
            JsonNode queued = sent.values().stream()
                    .filter(m -> m.get("emailTo").asString().contains(follower + "@"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no sent mail for " + follower + ": " + sent));
            assertThat(mail.getSubject()).isEqualTo(queued.get("subject").asString());
            assertThat(mail.getHeader("From", null))
                    .contains(queued.get("emailFrom").asString());
            assertThat(mail.getMessageID())
                    .isEqualTo(queued.get("messageIdHeader").asString());
            assertThat(mails.get(0)).contains(text);
            String received = mail.getHeader("Received")[0];
            // authenticated (the A) over TLS (the S), and the TLS details Postfix adds
            assertThat(received).contains("with ESMTPSA").contains("using TLS");
        }
        assertThat(postfix.logText()).contains("sasl_username=" + PrivatePostfix.USER);
    }

    @Test
    void swaksThroughPostfixAndStraightToTheReceiverCreateRecords() throws Exception {
        Swaks relayed = swaks(postfix.port(), "tickets@mycompany.example", "Relayed by Postfix");
        assertThat(relayed.exit).as(relayed.output).isZero();
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> tickets().contains("Relayed by Postfix"));
        // Postfix itself handed it to the receiver: its log names the relay and the receiver's 250
        assertThat(postfix.logText())
                .containsPattern("to=<tickets@mycompany.example>, relay=127\\.0\\.0\\.1\\[127\\.0\\.0\\.1\\]:"
                        + RECEIVER_PORT + ".*status=sent");

        Swaks direct = swaks(RECEIVER_PORT, "tickets@mycompany.example", "Straight to the receiver");
        assertThat(direct.exit).as(direct.output).isZero();
        assertThat(tickets()).contains("Straight to the receiver");

        Swaks elsewhere = swaks(RECEIVER_PORT, "someone@elsewhere.example", "Not ours");
        // swaks exits 24 when the server refuses the recipient
        assertThat(elsewhere.exit).as(elsewhere.output).isEqualTo(24);
        assertThat(elsewhere.output).contains("550 5.1.1");
        assertThat(tickets()).doesNotContain("Not ours");
    }

    @Test
    void postfixsOwnBounceMarksTheNotificationAndCountsOnThePartner() throws Exception {
        // the tests run in any order: this one brings its own outgoing server
        mailServer(PrivatePostfix.PASSWORD);
        long record = api.post("/api/records", Map.of("model", "crm.lead", "name", "Postfix bounce"))
                .id();
        String ghost = "ghost@" + PrivatePostfix.FOLLOWERS_DOMAIN;
        ApiClient.Response follower =
                api.post("/api/records/" + record + "/followers", Map.of("name", "Ghost", "email", ghost));
        assertThat(follower.status()).as(follower.body()).isEqualTo(201);
        long partner = api.get("/api/records/" + record + "/followers")
                .json()
                .get(0)
                .get("partnerId")
                .asLong();
        ApiClient.Response posted = api.post(
                "/api/records/" + record + "/messages", Map.of("body", "<p>Nobody reads this</p>", "type", "comment"));
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        long message = posted.id();

        // Postfix takes the mail, finds no such mailbox, and sends its DSN to the VERP bounce address, which it
        // relays to the receiver
        await().atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(300))
                .until(() ->
                        notification(record, message).get("status").asString().equals("bounce"));
        JsonNode notification = notification(record, message);
        System.out.println("Postfix bounce: " + notification);
        assertThat(postfix.logText())
                .containsPattern("to=<" + ghost + ">.*status=bounced")
                .containsPattern("sender non-delivery notification");
        assertThat(api.get("/api/partners/" + partner).json().get("bounceCount").asInt())
                .isGreaterThanOrEqualTo(1);
        assertThat(notification.get("failureReason").asString()).contains("5.1.1");
    }

    private static JsonNode notification(long record, long message) {
        for (JsonNode m : api.get("/api/records/" + record + "/messages").json()) {
            if (m.get("id").asLong() == message) {
                return m.get("notifications").get(0);
            }
        }
        throw new AssertionError("no message " + message);
    }

    private record Swaks(int exit, String output) {}

    private static Swaks swaks(int port, String to, String subject) throws Exception {
        Path out = Files.createTempFile(dir, "swaks", ".out");
        Process process = new ProcessBuilder(
                        "swaks",
                        "--server",
                        "127.0.0.1:" + port,
                        "--from",
                        "customer@customer.example",
                        "--to",
                        to,
                        "--header",
                        "Subject: " + subject,
                        "--body",
                        "Sent with swaks")
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        assertThat(process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return new Swaks(process.exitValue(), Files.readString(out));
    }

    private static String tickets() {
        return api.get("/api/records?model=helpdesk.ticket").body();
    }

    private static JsonNode testConnection(long serverId) {
        JsonNode result =
                api.post("/api/mail-servers/" + serverId + "/test", Map.of()).json();
        return result;
    }

    private static long mailServer(String password) {
        Map<String, Object> server = new HashMap<>();
        server.put("name", "postfix " + password);
        server.put("host", "127.0.0.1");
        server.put("port", postfix.port());
        server.put("encryption", "starttls");
        server.put("authentication", "login");
        server.put("username", PrivatePostfix.USER);
        server.put("password", password);
        // the certificate is self-signed; trusting it is covered by the Dovecot peer test
        server.put("verifyCertificates", false);
        ApiClient.Response created = api.post("/api/mail-servers", server);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.id();
    }
}
