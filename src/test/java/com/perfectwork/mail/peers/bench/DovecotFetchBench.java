package com.perfectwork.mail.peers.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ServerProcess;
import com.perfectwork.mail.bench.Machine;
import com.perfectwork.mail.peers.InstalledPeers;
import com.perfectwork.mail.peers.PrivateDovecot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fetching a Dovecot mailbox over IMAPS: the packaged jar (every mail stored, parsed and made a record, then
 * marked \Seen) against fetchmail handing the same mails to an MDA that discards them, on a second user with
 * identical mails, so both start from the same mailbox. fetchmail is the floor of what an IMAP fetch costs.
 */
@Tag("bench")
class DovecotFetchBench {

    private static final int MAILS = Integer.getInteger("bench.fetch.mails", 5000);
    private static final String PERFECTWORK_USER = "catchall@mycompany.example";
    private static final String FETCHMAIL_USER = "copy@mycompany.example";

    @TempDir
    Path dir;

    @Test
    void perfectworkAgainstFetchmail() throws Exception {
        InstalledPeers.assume("dovecot", "doveadm", "openssl", "fetchmail");
        List<String> raws = new ArrayList<>();
        String body =
                "This is line of a customer's question, long enough to make a realistic mail body.\r\n".repeat(22);
        for (int i = 0; i < MAILS; i++) {
            raws.add("From: customer" + (i % 100) + "@customer.example\r\nTo: tickets@mycompany.example\r\n"
                    + "Subject: Ticket " + i + "\r\nMessage-ID: <bench-" + i + "@customer.example>\r\n"
                    + "Date: Thu, 3 Dec 2026 10:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                    + body);
        }
        try (PrivateDovecot dovecot = new PrivateDovecot(
                        Files.createDirectories(dir.resolve("dovecot")), PERFECTWORK_USER, FETCHMAIL_USER);
                ServerProcess server = new ServerProcess(
                        Files.createDirectories(dir.resolve("server")),
                        List.of(),
                        List.of("PERFECTWORK_ADMIN_PASSWORD=bench-password"))) {
            dovecot.fill(PERFECTWORK_USER, raws);
            dovecot.fill(FETCHMAIL_USER, raws);
            dovecot.start();
            assertThat(dovecot.count(FETCHMAIL_USER, "UNSEEN")).isEqualTo(MAILS);

            double fetchmailRate = fetchmail(dovecot);
            assertThat(dovecot.count(FETCHMAIL_USER, "UNSEEN"))
                    .as("fetchmail took every mail")
                    .isZero();

            server.start();
            ApiClient api = ApiClient.basic(server.port(), "admin", "bench-password");
            api.put("/api/config-parameters/mail.catchall.domain", Map.of("value", "mycompany.example"));
            api.put("/api/config-parameters/mail.gateway.loop.threshold", Map.of("value", "1000000"));
            assertThat(api.post("/api/aliases", Map.of("name", "tickets", "model", "helpdesk.ticket"))
                            .status())
                    .isEqualTo(201);
            long incoming = api.post(
                            "/api/incoming-servers",
                            Map.of(
                                    "name",
                                    "catchall",
                                    "protocol",
                                    "imap",
                                    "host",
                                    "127.0.0.1",
                                    "port",
                                    dovecot.imaps,
                                    "security",
                                    "ssl",
                                    "username",
                                    PERFECTWORK_USER,
                                    "password",
                                    PrivateDovecot.PASSWORD,
                                    "verifyCertificates",
                                    false))
                    .id();
            assertThat(api.post("/api/incoming-servers/" + incoming + "/test", Map.of())
                            .json()
                            .get("ok")
                            .asBoolean())
                    .isTrue();
            long start = System.nanoTime();
            int records = 0;
            while (records < MAILS) {
                String answer = api.post("/api/incoming-servers/" + incoming + "/fetch", Map.of())
                        .body();
                records = records(api);
                assertThat(System.nanoTime() - start).as(answer).isLessThan(TimeUnit.MINUTES.toNanos(20));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double perfectworkRate = MAILS / seconds;
            assertThat(dovecot.count(PERFECTWORK_USER, "UNSEEN")).isZero();

            System.out.printf("%nIMAP fetch from Dovecot (IMAPS, %s)%n", Machine.describe());
            System.out.printf("| mails | Perfectwork mails/s | fetchmail mails/s | ratio |%n");
            System.out.printf("|------:|--------------------:|------------------:|------:|%n");
            System.out.printf(
                    "| %d | %.0f | %.0f | %.2f |%n%n",
                    MAILS, perfectworkRate, fetchmailRate, perfectworkRate / fetchmailRate);
        }
    }

    private double fetchmail(PrivateDovecot dovecot) throws Exception {
        Path rc = dir.resolve("fetchmailrc");
        Files.writeString(
                rc,
                "set no bouncemail\n" + "poll 127.0.0.1 port " + dovecot.imaps + " protocol imap\n"
                        + "  user \"" + FETCHMAIL_USER + "\" password \"" + PrivateDovecot.PASSWORD + "\"\n"
                        + "  ssl no sslcertck keep mda \"/bin/cat > /dev/null\"\n");
        // fetchmail refuses a run control file others can read
        Files.setPosixFilePermissions(rc, PosixFilePermissions.fromString("rw-------"));
        ProcessBuilder builder = new ProcessBuilder("fetchmail", "-f", rc.toString(), "--nosyslog", "-v")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("fetchmail.log").toFile());
        builder.environment().put("HOME", dir.toString());
        long start = System.nanoTime();
        Process process = builder.start();
        assertThat(process.waitFor(20, TimeUnit.MINUTES)).isTrue();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(process.exitValue())
                .as(tail(Files.readString(dir.resolve("fetchmail.log"))))
                .isZero();
        return MAILS / seconds;
    }

    private static String tail(String log) {
        return log.substring(Math.max(0, log.length() - 2000));
    }

    private static int records(ApiClient api) {
        int total = 0;
        for (int page = 0; ; page++) {
            int size = api.get("/api/records?model=helpdesk.ticket&limit=1000&offset=" + page * 1000)
                    .json()
                    .size();
            total += size;
            if (size < 1000) {
                return total;
            }
        }
    }
}
