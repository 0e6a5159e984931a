package com.perfectwork.mail.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Send benchmark (not a test: it asserts only that every mail arrived). Postfix's own load generator,
 * {@code smtp-source}, sends N mails of 2 KB into Postfix's {@code smtp-sink} over as many connections as the
 * queue opens to a server ({@code perfectwork.mail.queue.connections}, 2), first each connection carrying many
 * mails ({@code -d}) as the queue's do, then a connection per mail (its default); then the packaged server sends one comment's N notifications (N followers, the
 * comment about 2 KB) from its queue to the same sink. Prints both rates and their ratio (target: at least 0.5).
 * {@code -Dbench.send.mails=N} changes N (20 000); {@code -Dbench.send.dkim=rsa-sha256} (or {@code ed25519-sha256})
 * signs every mail with a DKIM key of the author's domain. Runs on the database of SPRING_DATASOURCE_URL when set
 * (PostgreSQL), else on the embedded H2; skipped where Postfix's tools are not installed.
 */
@Tag("bench")
class SendBench {

    private static final int MAILS = Integer.getInteger("bench.send.mails", 20_000);
    private static final int CONNECTIONS = 2;
    /** {@code -Dbench.send.dkim=rsa-sha256|ed25519-sha256}: the mails are DKIM-signed with a key of that kind. */
    private static final String DKIM = System.getProperty("bench.send.dkim", "");

    private static final Path SMTP_SINK = Path.of("/usr/sbin/smtp-sink");
    private static final Path SMTP_SOURCE = Path.of("/usr/sbin/smtp-source");
    /** smtp-sink -c rewrites one line of counters, "sess=N quit=N mesg=N", after every session and mail. */
    private static final Pattern MESSAGES = Pattern.compile("mesg=(\\d+)");

    @TempDir
    Path dir;

    @Test
    void queueAgainstSmtpSource() throws Exception {
        assumeTrue(
                Files.isExecutable(SMTP_SINK) && Files.isExecutable(SMTP_SOURCE),
                "Postfix's smtp-sink and smtp-source (Debian package postfix)");
        int port = ServerProcess.freePort();
        Path counters = dir.resolve("smtp-sink.out");
        // -u root: smtp-sink drops its privileges to a user, and the tests run as root; 256: its listen backlog
        Process sink = new ProcessBuilder(SMTP_SINK.toString(), "-c", "-u", "root", "127.0.0.1:" + port, "256")
                .redirectErrorStream(true)
                .redirectOutput(counters.toFile())
                .start();
        try {
            waitForPort(port);

            // each connection carrying many mails (-d), as the queue's do; then one mail per connection, as
            // smtp-source does by default
            double sourceRate = smtpSource(port, counters, 0, true);
            double sourceRateNewConnections = smtpSource(port, counters, MAILS, false);

            boolean postgres = System.getenv("SPRING_DATASOURCE_URL") != null;
            ServerProcess server = new ServerProcess(
                            Files.createDirectories(dir.resolve("data")),
                            List.of(),
                            List.of("PERFECTWORK_ADMIN_PASSWORD=bench-password"))
                    .heap("1g");
            if (postgres) {
                server.onCallersDatabase();
            }
            try (server) {
                server.start();
                ApiClient api = FanOutBench.apiKey(server.port());
                api.get("/api/mail-servers")
                        .json()
                        .valueStream()
                        .forEach(s ->
                                api.delete("/api/mail-servers/" + s.get("id").asLong()));
                api.put("/api/config-parameters/mail.catchall.domain", Map.of("value", "mycompany.example"));
                api.post("/api/mail-servers", Map.of("name", "sink", "host", "127.0.0.1", "port", port));
                long record = api.post("/api/records", Map.of("model", "crm.lead", "name", "Send " + System.nanoTime()))
                        .id();
                FanOutBench.addFollowers(api, record, MAILS);
                // the author writes from the alias domain, whose mail is signed when a DKIM key is asked for
                long author = api.post(
                                "/api/partners", Map.of("name", "Ann Seller", "email", "ann.seller@mycompany.example"))
                        .id();
                if (!DKIM.isBlank()) {
                    assertThat(api.post("/api/dkim-keys", Map.of("domain", "mycompany.example", "algorithm", DKIM))
                                    .status())
                            .isEqualTo(201);
                }

                int before = messages(counters);
                long postStart = System.nanoTime();
                ApiClient.Response posted = api.post(
                        "/api/records/" + record + "/messages",
                        Map.of(
                                "subject",
                                "Send",
                                "authorPartnerId",
                                author,
                                "body",
                                "<p>"
                                        + "A notification of about two kilobytes, as a typical chatter message is. "
                                                .repeat(25)
                                        + "</p>"));
                assertThat(posted.status()).isEqualTo(201);
                long firstAccepted = await(counters, before + 1, Duration.ofMinutes(2));
                long lastAccepted = await(counters, before + MAILS, Duration.ofMinutes(15));
                // from the first mail the sink accepted to the last: the queue's sending, not the post
                double queueRate = (MAILS - 1) * 1e9 / (lastAccepted - firstAccepted);
                double postToLast = (lastAccepted - postStart) / 1e9;

                System.out.printf(
                        "%n| send benchmark | %s, %s |%n|---|---|%n",
                        postgres ? "PostgreSQL" : "H2 (embedded)", Machine.describe());
                System.out.printf("| mails, connections | %d, %d |%n", MAILS, CONNECTIONS);
                System.out.printf("| DKIM signing | %s |%n", DKIM.isBlank() ? "none" : DKIM);
                System.out.printf("| smtp-source into smtp-sink, connections kept (-d) | %.0f mails/s |%n", sourceRate);
                System.out.printf(
                        "| smtp-source into smtp-sink, a connection per mail | %.0f mails/s |%n",
                        sourceRateNewConnections);
                System.out.printf("| the queue into smtp-sink (first to last accepted) | %.0f mails/s |%n", queueRate);
                System.out.printf("| post to last mail accepted | %.1f s |%n", postToLast);
                System.out.printf("| ratio queue / smtp-source -d (target ≥ 0.5) | %.2f |%n", queueRate / sourceRate);
                System.out.printf(
                        "| ratio queue / smtp-source, a connection per mail | %.2f |%n%n",
                        queueRate / sourceRateNewConnections);
            }
        } finally {
            sink.destroy();
            sink.waitFor();
        }
    }

    /** Postfix's load generator sends MAILS mails into the sink, which has counted {@code before}; its rate. */
    private static double smtpSource(int port, Path counters, int before, boolean keepConnections)
            throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(SMTP_SOURCE.toString()));
        if (keepConnections) {
            command.add("-d");
        }
        command.addAll(List.of(
                "-m",
                Integer.toString(MAILS),
                "-s",
                Integer.toString(CONNECTIONS),
                "-l",
                "2048",
                "-f",
                "bench@source.example",
                "-t",
                "sink@sink.example",
                "127.0.0.1:" + port));
        long start = System.nanoTime();
        Process source = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(counters.resolveSibling("smtp-source.out").toFile())
                .start();
        assertThat(source.waitFor()).as("smtp-source's exit code").isZero();
        await(counters, before + MAILS, Duration.ofMinutes(2));
        return MAILS * 1e9 / (System.nanoTime() - start);
    }

    /** Waits until the sink has counted {@code count} mails; returns the moment (nanoTime) it saw them. */
    private static long await(Path counters, int count, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (messages(counters) < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "smtp-sink counted " + messages(counters) + " mails, " + count + " expected within " + limit);
            }
            Thread.sleep(5);
        }
        return System.nanoTime();
    }

    /** The sink's count, from the end of its output only: the file grows by a line per mail. */
    private static int messages(Path counters) throws IOException {
        String text;
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(counters.toFile(), "r")) {
            long start = Math.max(0, file.length() - 128);
            byte[] tail = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(tail);
            text = new String(tail, StandardCharsets.ISO_8859_1);
        }
        int last = text.lastIndexOf("mesg=");
        if (last < 0) {
            return 0;
        }
        Matcher matcher = MESSAGES.matcher(text).region(last, text.length());
        return matcher.lookingAt() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    private static void waitForPort(int port) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("smtp-sink did not listen on " + port);
    }
}
