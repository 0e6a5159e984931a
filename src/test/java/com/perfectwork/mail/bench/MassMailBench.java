package com.perfectwork.mail.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.PeakHeap;
import com.perfectwork.mail.PostgresDatabases;
import com.perfectwork.mail.ServerProcess;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @TempDir
    Path dataDir;

    @Test
    void aHundredThousandMassMailsAndCommentsPostedMeanwhile() throws Exception {
        String url = System.getenv("SPRING_DATASOURCE_URL");
        assumeTrue(url != null && url.startsWith("jdbc:postgresql:"), "PostgreSQL (SPRING_DATASOURCE_URL)");
        ServerProcess server = new ServerProcess(
                        dataDir, List.of(), List.of("PERFECTWORK_ADMIN_PASSWORD=bench-password"))
                .heap("256m")
                .onCallersDatabase();
        try (MassMailSink sink = new MassMailSink();
                server) {
            server.start();
            ApiClient api = FanOutBench.apiKey(server.port());
            MassMailSink.onlyServer(api, "sink", sink.port());
            long sinkServer =
                    api.get("/api/mail-servers").json().get(0).get("id").asLong();

            double chatterRate = CHATTER > 0 ? sink.chatterRate(api, CHATTER) : Double.NaN;
            long record = MassMailSink.recordWithThreeFollowers(api);
            long queueStart = System.nanoTime();
            queueMassMails(url);
            long queueMillis = (System.nanoTime() - queueStart) / 1_000_000;

            PeakHeap heap = PeakHeap.of(server);
            // a change of the servers wakes the queue at once (else its scheduled action, within the minute)
            api.put("/api/mail-servers/" + sinkServer, Map.of("name", "sink"));
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            int sentWhenPosting = sink.postComments(api, record, COMMENTS, Math.min(1_000, MAILS), deadline);
            int sentWhenPosted = sink.mass();
            sink.awaitAll(MAILS, deadline);
            heap.close();
            assertThat(server.isAlive()).isTrue();
            assertThat(server.logText()).doesNotContain("OutOfMemoryError");

            double massRate = sink.massRate(MAILS);
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
                    "| post to its 3 mails accepted: p50 / p99 / max (target p99 < 2 s) | %s |%n",
                    sink.commentLatencies());
            System.out.printf(
                    "| peak heap while sent: used / live after a collection | %d / %d MiB |%n%n",
                    heap.mebibytes(), heap.liveMebibytes());
        }
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
