package com.perfectwork.mail.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.PeakHeap;
import com.perfectwork.mail.ServerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mailing sent as a marketer sends it, through the packaged server's API (not a test: it asserts only that every
 * mail arrived and the server lived). The server, with a 256 MB heap, first sends one comment's notifications to N
 * followers into a counting SMTP sink (the chatter's rate, as {@code SendBench} measures it); then a list of 100 000
 * contacts is imported as CSV (not timed), a mailing of about 3 KB of HTML with tracking is written to it and sent
 * with {@code POST /api/mailings/{id}/send}, which answers once every trace is queued: that call is timed (target
 * under 10 s) and the heap sampled from it to the last mail. Once 1 000 mass mails are accepted, 100 comments (3
 * followers each) are posted one every 100 ms, each timed from its post to the last of its 3 mails accepted (target:
 * p99 under 2 s). Prints the time to queue, both rates and their ratio, the comments' latency and the peak heap.
 * {@code -Dbench.mailing.contacts=N}, {@code -Dbench.mailing.chatter=N} (20 000; 0 skips it),
 * {@code -Dbench.mailing.comments=N}, {@code -Dbench.mailing.claim=N} the mass mails a claim holds (50);
 * {@code -Dbench.mailing.jfr=FILE} records the server with Flight Recorder.
 * PostgreSQL, as every figure of {@code BENCHMARKS.md} is (SPRING_DATASOURCE_URL).
 */
@Tag("bench")
class MailingSendBench {

    private static final int CONTACTS = Integer.getInteger("bench.mailing.contacts", 100_000);
    private static final int CHATTER = Integer.getInteger("bench.mailing.chatter", 20_000);
    private static final int COMMENTS = Integer.getInteger("bench.mailing.comments", 100);
    /**
     * The newsletter's paragraphs: 20 make its mail about the size of the chatter's notification on the wire, so that
     * mails/s compare like with like (30, the earlier default, made it 30 % larger).
     */
    private static final int PARAGRAPHS = Integer.getInteger("bench.mailing.paragraphs", 20);

    private static final String CLAIM = System.getProperty("bench.mailing.claim", "");
    private static final String JFR = System.getProperty("bench.mailing.jfr", "");

    @TempDir
    Path dataDir;

    @Test
    void aMailingToAHundredThousandContactsWhileCommentsArePosted() throws Exception {
        String url = System.getenv("SPRING_DATASOURCE_URL");
        assumeTrue(url != null && url.startsWith("jdbc:postgresql:"), "PostgreSQL (SPRING_DATASOURCE_URL)");
        List<String> environment = new ArrayList<>(List.of("PERFECTWORK_ADMIN_PASSWORD=bench-password"));
        if (!CLAIM.isBlank()) {
            environment.add("PERFECTWORK_MAIL_QUEUE_MASSCLAIMSIZE=" + CLAIM);
        }
        ServerProcess server =
                new ServerProcess(dataDir, List.of(), environment).heap("256m").onCallersDatabase();
        if (!JFR.isBlank()) {
            server.jvmOption("-XX:StartFlightRecording=dumponexit=true,filename=" + JFR + ",settings=profile");
        }
        try (MassMailSink sink = new MassMailSink();
                server) {
            server.start();
            ApiClient api = FanOutBench.apiKey(server.port());
            MassMailSink.onlyServer(api, "sink", sink.port());
            // the heap is sampled (a metrics scrape every 100 ms) while the chatter is sent too, so that both rates are
            // measured under the same sampling: unsampled, the chatter had the cores to itself
            double chatterRate;
            try (PeakHeap chatterHeap = PeakHeap.of(server)) {
                chatterRate = CHATTER > 0 ? sink.chatterRate(api, CHATTER) : Double.NaN;
            }
            long record = MassMailSink.recordWithThreeFollowers(api);
            long list = api.post("/api/mailing-lists", Map.of("name", "Readers " + System.nanoTime()))
                    .id();
            long importStart = System.nanoTime();
            ApiClient.Response imported =
                    api.postBytes("/api/mailing-lists/" + list + "/import", "text/csv", csv(), Duration.ofMinutes(10));
            assertThat(imported.status()).isEqualTo(200);
            assertThat(imported.json().get("created").asLong()).isEqualTo(CONTACTS);
            long importMillis = (System.nanoTime() - importStart) / 1_000_000;
            long mailing = api.post("/api/mailings", mailing(list)).id();

            PeakHeap heap = PeakHeap.of(server);
            long sendStart = System.nanoTime();
            ApiClient.Response sent = api.post("/api/mailings/" + mailing + "/send", Map.of(), Duration.ofMinutes(10));
            long queued = System.nanoTime();
            int acceptedWhenQueued = sink.mass();
            long queueMillis = (queued - sendStart) / 1_000_000;
            assertThat(sent.status()).isEqualTo(200);
            assertThat(sent.json().get("progress").get("total").asLong()).isEqualTo(CONTACTS);

            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            int sentWhenPosting = sink.postComments(api, record, COMMENTS, Math.min(1_000, CONTACTS), deadline);
            int sentWhenPosted = sink.mass();
            sink.awaitAll(CONTACTS, deadline);
            heap.close();
            assertThat(server.isAlive()).isTrue();
            assertThat(server.logText()).doesNotContain("OutOfMemoryError");

            double massRate = sink.massRate(CONTACTS);
            // the chatter's rate is its sending alone (its mails were queued by the post before the first went); the
            // mass mails' from first to last also shares the cores with the queueing of the later pages
            double steadyRate = sink.massRateSince(queued, acceptedWhenQueued, CONTACTS);
            System.out.printf("%n| mailing benchmark, -Xmx256m | PostgreSQL, %s |%n|---|---|%n", Machine.describe());
            System.out.printf("| contacts imported (CSV, one list) | %d in %d ms |%n", CONTACTS, importMillis);
            System.out.printf(
                    "| send to every trace queued (target < 10 s) | %d in %d ms, %d mails already accepted |%n",
                    CONTACTS,
                    queueMillis,
                    sent.json().get("progress").get("sent").asLong());
            System.out.printf(
                    "| mass mails sent (first to last accepted) | %.0f mails/s, %d bytes each |%n",
                    massRate, sink.massSize());
            if (CHATTER > 0) {
                System.out.printf(
                        "| one comment's %d notifications (first to last accepted) | %.0f mails/s, %d bytes each |%n",
                        CHATTER, chatterRate, sink.chatterSize());
                System.out.printf(
                        "| ratio mass mail / chatter: mails/s, bytes/s | %.2f, %.2f |%n",
                        massRate / chatterRate, massRate * sink.massSize() / (chatterRate * sink.chatterSize()));
                System.out.printf(
                        "| mass mails sent once all were queued (%d then accepted → last) | %.0f mails/s, ratio to"
                                + " chatter %.2f |%n",
                        acceptedWhenQueued, steadyRate, steadyRate / chatterRate);
            }
            System.out.printf(
                    "| comments posted while mass mail was sent | %d (3 followers each), while %d to %d of %d"
                            + " mass mails were accepted |%n",
                    COMMENTS, sentWhenPosting, sentWhenPosted, CONTACTS);
            System.out.printf(
                    "| post to its 3 mails accepted: p50 / p99 / max (target p99 < 2 s) | %s |%n",
                    sink.commentLatencies());
            System.out.printf(
                    "| peak heap from the send to the last mail: used / live after a collection | %d / %d MiB |%n%n",
                    heap.mebibytes(), heap.liveMebibytes());
            server.stop(); // gently, so that a flight recording is written
        }
    }

    /** The CSV a marketer exports from elsewhere: a header row, then one contact a line. */
    private static byte[] csv() {
        String run = Long.toString(System.nanoTime(), 36);
        StringBuilder csv = new StringBuilder(CONTACTS * 48).append("email,name\n");
        for (int i = 0; i < CONTACTS; i++) {
            csv.append("r")
                    .append(i)
                    .append('.')
                    .append(run)
                    .append("@reader.example,Reader ")
                    .append(i)
                    .append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A newsletter of about 2 KB of HTML with two links, tracked (its links rewritten, an open pixel). */
    private static Map<String, Object> mailing(long list) {
        String body = "<p>Hello! Here is our news, with your own links.</p>"
                + "<p>A paragraph of news, as a newsletter has a dozen of them, with a link or two. </p>"
                        .repeat(PARAGRAPHS)
                + "<p><a href=\"https://mycompany.example/news/1\">Read more</a></p>"
                + "<p><a href=\"https://mycompany.example/news/2\">And more</a></p>";
        return Map.of(
                "subject",
                "Our news",
                "body",
                body,
                "emailFrom",
                "news@mycompany.example",
                "recipients",
                Map.of("listIds", List.of(list)));
    }
}
