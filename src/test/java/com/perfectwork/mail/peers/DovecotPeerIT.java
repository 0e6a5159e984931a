package com.perfectwork.mail.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The packaged jar against a real Dovecot: IMAPS and POP3S with a self-signed certificate (trusted or not),
 * Test & Confirm with Dovecot's own answers, fetching marks mails \Seen (IMAP) or deletes them (POP3), and
 * IDLE brings a mail delivered by {@code doveadm save} within seconds.
 */
class DovecotPeerIT {

    private static final String ADMIN_PASSWORD = "dovecot-peer-password";
    private static final String IMAP_USER = "catchall@mycompany.example";
    private static final String IDLE_USER = "idle@mycompany.example";
    private static final String POP_USER = "pop@mycompany.example";

    @TempDir
    static Path dir;

    static PrivateDovecot dovecot;
    static ServerProcess server;
    static ApiClient api;

    @BeforeAll
    static void dovecotAndServer() throws Exception {
        InstalledPeers.assume("dovecot", "doveadm", "openssl");
        dovecot = new PrivateDovecot(Files.createDirectories(dir.resolve("dovecot")), IMAP_USER, IDLE_USER, POP_USER)
                .start();
        server = new ServerProcess(
                        Files.createDirectories(dir.resolve("server")),
                        List.of(),
                        List.of("PERFECTWORK_ADMIN_PASSWORD=" + ADMIN_PASSWORD))
                .start();
        api = ApiClient.basic(server.port(), "admin", ADMIN_PASSWORD);
        api.put("/api/config-parameters/mail.catchall.domain", Map.of("value", "mycompany.example"));
        for (String[] alias :
                new String[][] {{"tickets", "helpdesk.ticket"}, {"leads", "crm.lead"}, {"jobs", "hr.applicant"}}) {
            assertThat(api.post("/api/aliases", Map.of("name", alias[0], "model", alias[1]))
                            .status())
                    .isEqualTo(201);
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (dovecot != null) {
            dovecot.close();
        }
    }

    @Test
    void imapsFetchesEveryMailAndMarksItSeen() {
        ApiResult wrong = test(create("imap", dovecot.imaps, "ssl", IMAP_USER, "wrong", false, false));
        assertThat(wrong.ok).isFalse();
        // Dovecot's own words for a failed login
        assertThat(wrong.message).contains("Authentication failed");

        long incoming = create("imap", dovecot.imaps, "ssl", IMAP_USER, PrivateDovecot.PASSWORD, false, false);
        ApiResult confirmed = test(incoming);
        assertThat(confirmed.ok).as(confirmed.message).isTrue();
        assertThat(api.get("/api/incoming-servers/" + incoming)
                        .json()
                        .get("state")
                        .asString())
                .isEqualTo("confirmed");

        for (int i = 0; i < 20; i++) {
            dovecot.deliver(IMAP_USER, mail("tickets", "Ticket " + i, "ticket-" + i));
        }
        assertThat(dovecot.count(IMAP_USER, "UNSEEN")).isEqualTo(20);
        JsonNode fetched = api.post("/api/incoming-servers/" + incoming + "/fetch", Map.of())
                .json();
        assertThat(fetched.get("processed").asInt()).as(fetched.toString()).isEqualTo(20);
        assertThat(records("helpdesk.ticket")).isEqualTo(20);
        assertThat(dovecot.count(IMAP_USER, "SEEN")).isEqualTo(20);
        assertThat(dovecot.count(IMAP_USER, "UNSEEN")).isZero();
    }

    @Test
    void checkedCertificatesFailUntrustedAndPassTrusted() throws Exception {
        ApiResult untrusted =
                test(create("imap", dovecot.imaps, "ssl", IMAP_USER, PrivateDovecot.PASSWORD, true, false));
        assertThat(untrusted.ok).isFalse();
        assertThat(untrusted.message).as("a certificate error, said as such").containsIgnoringCase("certificat");
        System.out.println("untrusted certificate: " + untrusted.message);

        // a second server whose JVM trusts the self-signed certificate: the check is real, not switched off
        Path truststore = dir.resolve("truststore.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-importcert",
                        "-noprompt",
                        "-alias",
                        "dovecot",
                        "-storetype",
                        "PKCS12",
                        "-file",
                        dovecot.certificate().toString(),
                        "-keystore",
                        truststore.toString(),
                        "-storepass",
                        "changeit")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("keytool.log").toFile())
                .start();
        assertThat(keytool.waitFor()).isZero();
        try (ServerProcess trusting = new ServerProcess(
                        Files.createDirectories(dir.resolve("trusting")),
                        List.of(),
                        List.of("PERFECTWORK_ADMIN_PASSWORD=" + ADMIN_PASSWORD))
                .jvmOption("-Djavax.net.ssl.trustStore=" + truststore)
                .jvmOption("-Djavax.net.ssl.trustStorePassword=changeit")
                .jvmOption("-Djavax.net.ssl.trustStoreType=PKCS12")
                .heap("256m")) {
            trusting.start();
            ApiClient other = ApiClient.basic(trusting.port(), "admin", ADMIN_PASSWORD);
            long id = other.post(
                            "/api/incoming-servers",
                            server("imap", dovecot.imaps, "ssl", IMAP_USER, PrivateDovecot.PASSWORD, true, false))
                    .id();
            JsonNode result = other.post("/api/incoming-servers/" + id + "/test", Map.of())
                    .json();
            assertThat(result.get("ok").asBoolean()).as(result.toString()).isTrue();
        }
    }

    @Test
    void idleBringsADeliveredMailWithinSeconds() {
        long incoming = create("imap", dovecot.imaps, "ssl", IDLE_USER, PrivateDovecot.PASSWORD, false, true);
        ApiResult confirmed = test(incoming);
        assertThat(confirmed.ok).as(confirmed.message).isTrue();
        // IDLE starts once the server is confirmed: give it the time to connect and select the folder
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Files.readString(dovecot.log()).contains("user=<" + IDLE_USER + ">"));
        sleep(1000);

        long start = System.nanoTime();
        dovecot.deliver(IDLE_USER, mail("leads", "Pushed lead", "pushed-lead"));
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> records("crm.lead") == 1);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("Dovecot IDLE: delivered to record in %d ms%n", millis);
        assertThat(dovecot.count(IDLE_USER, "SEEN")).isEqualTo(1);
    }

    @Test
    void pop3sFetchesAndEmptiesTheMailbox() {
        long incoming = create("pop3", dovecot.pop3s, "ssl", POP_USER, PrivateDovecot.PASSWORD, false, false);
        ApiResult confirmed = test(incoming);
        assertThat(confirmed.ok).as(confirmed.message).isTrue();
        for (int i = 0; i < 10; i++) {
            dovecot.deliver(POP_USER, mail("jobs", "Application " + i, "application-" + i));
        }
        assertThat(dovecot.count(POP_USER, "ALL")).isEqualTo(10);
        JsonNode fetched = api.post("/api/incoming-servers/" + incoming + "/fetch", Map.of())
                .json();
        assertThat(fetched.get("processed").asInt()).as(fetched.toString()).isEqualTo(10);
        assertThat(records("hr.applicant")).isEqualTo(10);
        assertThat(dovecot.count(POP_USER, "ALL"))
                .as("POP3 deleted what was fetched")
                .isZero();
    }

    private record ApiResult(boolean ok, String message) {}

    private static ApiResult test(long incoming) {
        JsonNode result = api.post("/api/incoming-servers/" + incoming + "/test", Map.of())
                .json();
        return new ApiResult(result.get("ok").asBoolean(), result.get("message").asString());
    }

    private static long create(
            String protocol, int port, String security, String user, String password, boolean verify, boolean idle) {
        ApiClient.Response created =
                api.post("/api/incoming-servers", server(protocol, port, security, user, password, verify, idle));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.id();
    }

    private static Map<String, Object> server(
            String protocol, int port, String security, String user, String password, boolean verify, boolean idle) {
        Map<String, Object> server = new HashMap<>();
        server.put("name", user + " " + protocol + " " + port + " " + System.nanoTime());
        server.put("protocol", protocol);
        server.put("host", "127.0.0.1");
        server.put("port", port);
        server.put("security", security);
        server.put("username", user);
        server.put("password", password);
        server.put("verifyCertificates", verify);
        server.put("idle", idle);
        return server;
    }

    private static int records(String model) {
        return api.get("/api/records?model=" + model + "&limit=1000").json().size();
    }

    private static String mail(String alias, String subject, String id) {
        return "From: customer@customer.example\r\nTo: " + alias + "@mycompany.example\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + id + "@customer.example>\r\nDate: Thu, 3 Dec 2026 10:00:00 +0000\r\n\r\n"
                + "Hello, about " + subject + ".\r\n";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
