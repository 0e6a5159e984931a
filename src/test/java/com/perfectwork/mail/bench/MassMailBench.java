package com.perfectwork.mail.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.PeakHeap;
import com.perfectwork.mail.PostgresDatabases;
import com.perfectwork.mail.ServerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.server.SMTPServer;

/**
 * Mass mail benchmark (not a test: it asserts only that every mail arrived and the server lived). The packaged server
 * with a 256 MB heap first sends one comment's notifications to N followers (the chatter's rate, as
 * {@code SendBench} measures it) into a counting SMTP sink; then 100 000 mass mails of one bulk message (about 3 KB of
 * HTML with the recipient's token) are queued, written to the database as the mailing module's {@code BulkMail.queue}
 * writes them, and sent into the same sink; while they are sent, 100 comments (3 followers each) are posted one every
 * 100 ms, and the time from each post to the last of its 3 mails accepted is measured. Prints both rates, their
 * ratio, the comments' latency (target: p99 under 2 s) and the peak heap. {@code -Dbench.mass.mails=N},
 * {@code -Dbench.mass.chatter=N} (20 000; 0 skips it) and {@code -Dbench.mass.comments=N} change the numbers, {@code -Dbench.mass.claim=N} the mass mails a claim holds (50).
 * PostgreSQL only (SPRING_DATASOURCE_URL): the mails are written to the database the server runs on.
 */
@Tag("bench")
class MassMailBench {

    private static final int MAILS = Integer.getInteger("bench.mass.mails", 100_000);
    private static final int CHATTER = Integer.getInteger("bench.mass.chatter", 20_000);
    private static final int COMMENTS = Integer.getInteger("bench.mass.comments", 100);
    private static final Pattern COMMENT = Pattern.compile("Subject: Comment (\\d+)\r\n");

    @TempDir
    Path dataDir;

    /** What the sink counted: mass mails, chatter notifications, and when each comment's mails arrived. */
    private final AtomicInteger mass = new AtomicInteger();

    private final AtomicLong firstMass = new AtomicLong();
    private final AtomicLong lastMass = new AtomicLong();
    private final AtomicInteger chatter = new AtomicInteger();
    private final AtomicLong firstChatter = new AtomicLong();
    private final AtomicLong lastChatter = new AtomicLong();
    private final Map<Integer, AtomicInteger> commentMails = new ConcurrentHashMap<>();
    private final Map<Integer, Long> commentDone = new ConcurrentHashMap<>();

    @Test
    void aHundredThousandMassMailsAndCommentsPostedMeanwhile() throws Exception {
        String url = System.getenv("SPRING_DATASOURCE_URL");
        assumeTrue(url != null && url.startsWith("jdbc:postgresql:"), "PostgreSQL (SPRING_DATASOURCE_URL)");
        SMTPServer sink = SMTPServer.port(ServerProcess.freePort())
                .messageHandler((context, from, to, data) -> arrived(to, data))
                .build();
        sink.start();
        ServerProcess server = new ServerProcess(
                        dataDir, List.of(), List.of("PERFECTWORK_ADMIN_PASSWORD=bench-password"))
                .heap("256m")
                .onCallersDatabase();
        try (server) {
            server.start();
            ApiClient api = FanOutBench.apiKey(server.port());
            api.get("/api/mail-servers")
                    .json()
                    .valueStream()
                    .forEach(s -> api.delete("/api/mail-servers/" + s.get("id").asLong()));
            api.put("/api/config-parameters/mail.catchall.domain", Map.of("value", "mycompany.example"));
            long sinkServer = api.post(
                            "/api/mail-servers",
                            Map.of("name", "sink", "host", "127.0.0.1", "port", sink.getPortAllocated()))
                    .id();

            double chatterRate = CHATTER > 0 ? chatterRate(api) : Double.NaN;

            long record = api.post("/api/records", Map.of("model", "crm.lead", "name", "Mass " + System.nanoTime()))
                    .id();
            for (int i = 0; i < 3; i++) {
                api.post(
                        "/api/records/" + record + "/followers",
                        Map.of(
                                "name",
                                "Follower " + i,
                                "email",
                                "f" + i + "." + System.nanoTime() + "@follower.example"));
            }
            long queueStart = System.nanoTime();
            queueMassMails(url);
            long queueMillis = (System.nanoTime() - queueStart) / 1_000_000;

            PeakHeap heap = PeakHeap.of(server);
            // a change of the servers wakes the queue at once (else its scheduled action, within the minute)
            api.put("/api/mail-servers/" + sinkServer, Map.of("name", "sink"));
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            while (mass.get() < Math.min(1_000, MAILS) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            long[] posted = new long[COMMENTS];
            int sentWhenPosting = mass.get();
            for (int i = 0; i < COMMENTS; i++) {
                posted[i] = System.nanoTime();
                assertThat(api.post(
                                        "/api/records/" + record + "/messages",
                                        Map.of("subject", "Comment " + i, "body", "<p>Comment " + i + "</p>"))
                                .status())
                        .isEqualTo(201);
                Thread.sleep(Math.max(0, 100 - (System.nanoTime() - posted[i]) / 1_000_000));
            }
            int sentWhenPosted = mass.get();
            while ((mass.get() < MAILS || commentDone.size() < COMMENTS) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            heap.close();
            assertThat(mass.get()).isEqualTo(MAILS);
            assertThat(commentDone).hasSize(COMMENTS);
            assertThat(server.isAlive()).isTrue();
            assertThat(server.logText()).doesNotContain("OutOfMemoryError");

            double massRate = (MAILS - 1) * 1e9 / (lastMass.get() - firstMass.get());
            long[] latencies = new long[COMMENTS];
            for (int i = 0; i < COMMENTS; i++) {
                latencies[i] = (commentDone.get(i) - posted[i]) / 1_000_000;
            }
            Arrays.sort(latencies);
            System.out.printf("%n| mass mail benchmark, -Xmx256m | PostgreSQL, %s |%n|---|---|%n", Machine.describe());
            System.out.printf("| mass mails queued (one bulk message) | %d in %d ms |%n", MAILS, queueMillis);
            System.out.printf("| mass mails sent (first to last accepted) | %.0f mails/s |%n", massRate);
            if (CHATTER > 0) {
                System.out.printf(
                        "| one comment's %d notifications (first to last accepted) | %.0f mails/s |%n",
                        CHATTER, chatterRate);
                System.out.printf("| ratio mass mail / chatter | %.2f |%n", massRate / chatterRate);
            }
            System.out.printf(
                    "| comments posted while mass mail was sent | %d (3 followers each), while %d to %d of %d mass"
                            + " mails were accepted |%n",
                    COMMENTS, sentWhenPosting, sentWhenPosted, MAILS);
            System.out.printf(
                    "| post to its 3 mails accepted: p50 / p99 / max (target p99 < 2 s) | %d / %d / %d ms |%n",
                    latencies[COMMENTS / 2], latencies[(int) Math.ceil(COMMENTS * 0.99) - 1], latencies[COMMENTS - 1]);
            System.out.printf(
                    "| peak heap while sent: used / live after a collection | %d / %d MiB |%n%n",
                    heap.mebibytes(), heap.liveMebibytes());
        } finally {
            sink.stop();
        }
    }

    private void arrived(String to, byte[] data) {
        long now = System.nanoTime();
        if (to.endsWith("@reader.example")) {
            firstMass.compareAndSet(0, now);
            lastMass.set(now);
            mass.incrementAndGet();
        } else if (to.endsWith("@follower.example")) {
            Matcher comment =
                    COMMENT.matcher(new String(data, 0, Math.min(data.length, 4096), StandardCharsets.ISO_8859_1));
            if (comment.find()) {
                int n = Integer.parseInt(comment.group(1));
                if (commentMails.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet() == 3) {
                    commentDone.put(n, now);
                }
            }
        } else {
            firstChatter.compareAndSet(0, now);
            lastChatter.set(now);
            chatter.incrementAndGet();
        }
    }

    /** One comment to CHATTER followers (about 2 KB, as SendBench's): the queue's rate, first to last accepted. */
    private double chatterRate(ApiClient api) throws InterruptedException {
        long record = api.post("/api/records", Map.of("model", "crm.lead", "name", "Chatter " + System.nanoTime()))
                .id();
        FanOutBench.addFollowers(api, record, CHATTER);
        assertThat(api.post(
                                "/api/records/" + record + "/messages",
                                Map.of(
                                        "subject",
                                        "Send",
                                        "body",
                                        "<p>"
                                                + "A notification of about two kilobytes, as a typical chatter message is. "
                                                        .repeat(25)
                                                + "</p>"))
                        .status())
                .isEqualTo(201);
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (chatter.get() < CHATTER && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(chatter.get()).isEqualTo(CHATTER);
        return (CHATTER - 1) * 1e9 / (lastChatter.get() - firstChatter.get());
    }

    /**
     * The bulk message and one queue row per recipient, as {@code BulkMail.create} and {@code BulkMail.queue} write
     * them (batches of 1 000), due now.
     */
    private static void queueMassMails(String url) throws Exception {
        String html = "<p>Hello! Here is our news, with your own links.</p>"
                + "<p>A paragraph of news, as a newsletter has a dozen of them, with a link or two. </p>".repeat(30)
                + "<p><a href=\"https://mycompany.example/mail/track/{{token}}/click/1\">Read more</a></p>"
                + "<p><a href=\"https://mycompany.example/mail/unsubscribe/{{token}}\">Unsubscribe</a></p>";
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection db = DriverManager.getConnection(
                withBatchedInserts(url), PostgresDatabases.user(), PostgresDatabases.password())) {
            db.setAutoCommit(false);
            long bulk;
            try (PreparedStatement insert = db.prepareStatement("""
                    INSERT INTO bulk_messages (subject, html_body, email_from, list_unsubscribe_url,
                        list_unsubscribe_mailto, created_at) VALUES (?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, "Our news");
                insert.setString(2, html);
                insert.setString(3, "news@mycompany.example");
                insert.setString(4, "https://mycompany.example/mail/unsubscribe/{{token}}");
                insert.setString(5, "unsubscribe+{{token}}@mycompany.example");
                insert.setTimestamp(6, now);
                insert.executeUpdate();
                try (ResultSet key = insert.getGeneratedKeys()) {
                    key.next();
                    bulk = key.getLong(1);
                }
            }
            String run = Long.toString(System.nanoTime(), 36);
            try (PreparedStatement insert = db.prepareStatement("""
                    INSERT INTO outgoing_mails (email_to, recipient_normalized, email_from, subject, message_id_header,
                        bulk_message_id, bulk_token, mass_mailing, state, scheduled_at, attempts, created_at)
                    VALUES (?, ?, 'news@mycompany.example', 'Our news', ?, ?, ?, TRUE, 'outgoing', ?, 0, ?)""")) {
                List<String> tokens = new ArrayList<>();
                for (int i = 0; i < MAILS; i++) {
                    String email = "r" + i + "." + run + "@reader.example";
                    String token = i + "." + run;
                    tokens.add(token);
                    insert.setString(1, "\"Reader " + i + "\" <" + email + ">");
                    insert.setString(2, email);
                    insert.setString(3, "<bulk." + token + "@mycompany.example>");
                    insert.setLong(4, bulk);
                    insert.setString(5, token);
                    insert.setTimestamp(6, now);
                    insert.setTimestamp(7, now);
                    insert.addBatch();
                    if (tokens.size() == 1_000) {
                        insert.executeBatch();
                        db.commit();
                        tokens.clear();
                    }
                }
                insert.executeBatch();
                db.commit();
            }
        }
    }

    private static String withBatchedInserts(String url) {
        return url.contains("reWriteBatchedInserts")
                ? url
                : url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    }
}
