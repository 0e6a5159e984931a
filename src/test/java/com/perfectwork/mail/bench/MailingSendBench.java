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
    private static final String CLAIM = System.getProperty("bench.mailing.claim", "");
    private static final String JFR = System.getProperty("bench.mailing.jfr", "");
    private static final Pattern COMMENT = Pattern.compile("Subject: Comment (\\d+)\r\n");

    @TempDir
    Path dataDir;

    /** What the sink counted: mass mails, chatter notifications, and when each comment's mails arrived. */
    private final AtomicInteger mass = new AtomicInteger();

    private final AtomicLong firstMass = new AtomicLong();
    private final AtomicLong lastMass = new AtomicLong();
    private final AtomicLong massBytes = new AtomicLong();
    private final AtomicLong chatterBytes = new AtomicLong();
    private final AtomicInteger chatter = new AtomicInteger();
    private final AtomicLong firstChatter = new AtomicLong();
    private final AtomicLong lastChatter = new AtomicLong();
    private final Map<Integer, AtomicInteger> commentMails = new ConcurrentHashMap<>();
    private final Map<Integer, Long> commentDone = new ConcurrentHashMap<>();

    @Test
    void aMailingToAHundredThousandContactsWhileCommentsArePosted() throws Exception {
        String url = System.getenv("SPRING_DATASOURCE_URL");
        assumeTrue(url != null && url.startsWith("jdbc:postgresql:"), "PostgreSQL (SPRING_DATASOURCE_URL)");
        SMTPServer sink = SMTPServer.port(ServerProcess.freePort())
                .messageHandler((context, from, to, data) -> arrived(to, data))
                .build();
        sink.start();
        List<String> environment = new ArrayList<>(List.of("PERFECTWORK_ADMIN_PASSWORD=bench-password"));
        if (!CLAIM.isBlank()) {
            environment.add("PERFECTWORK_MAIL_QUEUE_MASSCLAIMSIZE=" + CLAIM);
        }
        ServerProcess server =
                new ServerProcess(dataDir, List.of(), environment).heap("256m").onCallersDatabase();
        if (!JFR.isBlank()) {
            server.jvmOption("-XX:StartFlightRecording=dumponexit=true,filename=" + JFR + ",settings=profile");
        }
        try (server) {
            server.start();
            ApiClient api = FanOutBench.apiKey(server.port());
            api.get("/api/mail-servers")
                    .json()
                    .valueStream()
                    .forEach(s -> api.delete("/api/mail-servers/" + s.get("id").asLong()));
            api.put("/api/config-parameters/mail.catchall.domain", Map.of("value", "mycompany.example"));
            api.post("/api/mail-servers", Map.of("name", "sink", "host", "127.0.0.1", "port", sink.getPortAllocated()));

            double chatterRate = CHATTER > 0 ? chatterRate(api) : Double.NaN;
            long record = recordWithThreeFollowers(api);
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
            long queueMillis = (System.nanoTime() - sendStart) / 1_000_000;
            assertThat(sent.status()).isEqualTo(200);
            assertThat(sent.json().get("progress").get("total").asLong()).isEqualTo(CONTACTS);

            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            while (mass.get() < Math.min(1_000, CONTACTS) && System.nanoTime() < deadline) {
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
            while ((mass.get() < CONTACTS || commentDone.size() < COMMENTS) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            heap.close();
            assertThat(mass.get()).isEqualTo(CONTACTS);
            assertThat(commentDone).hasSize(COMMENTS);
            assertThat(server.isAlive()).isTrue();
            assertThat(server.logText()).doesNotContain("OutOfMemoryError");

            double massRate = (CONTACTS - 1) * 1e9 / (lastMass.get() - firstMass.get());
            long[] latencies = new long[COMMENTS];
            for (int i = 0; i < COMMENTS; i++) {
                latencies[i] = (commentDone.get(i) - posted[i]) / 1_000_000;
            }
            Arrays.sort(latencies);
            System.out.printf("%n| mailing benchmark, -Xmx256m | PostgreSQL, %s |%n|---|---|%n", Machine.describe());
            System.out.printf("| contacts imported (CSV, one list) | %d in %d ms |%n", CONTACTS, importMillis);
            System.out.printf(
                    "| send to every trace queued (target < 10 s) | %d in %d ms, %d mails already accepted |%n",
                    CONTACTS, queueMillis, sentWhenQueued(sent));
            long massSize = massBytes.get() / CONTACTS;
            System.out.printf(
                    "| mass mails sent (first to last accepted) | %.0f mails/s, %d bytes each |%n", massRate, massSize);
            if (CHATTER > 0) {
                long chatterSize = chatterBytes.get() / CHATTER;
                System.out.printf(
                        "| one comment's %d notifications (first to last accepted) | %.0f mails/s, %d bytes each |%n",
                        CHATTER, chatterRate, chatterSize);
                System.out.printf(
                        "| ratio mass mail / chatter: mails/s, bytes/s | %.2f, %.2f |%n",
                        massRate / chatterRate, massRate * massSize / (chatterRate * chatterSize));
            }
            System.out.printf(
                    "| comments posted while mass mail was sent | %d (3 followers each), while %d to %d of %d mass"
                            + " mails were accepted |%n",
                    COMMENTS, sentWhenPosting, sentWhenPosted, CONTACTS);
            System.out.printf(
                    "| post to its 3 mails accepted: p50 / p99 / max (target p99 < 2 s) | %d / %d / %d ms |%n",
                    latencies[COMMENTS / 2], latencies[(int) Math.ceil(COMMENTS * 0.99) - 1], latencies[COMMENTS - 1]);
            System.out.printf(
                    "| peak heap from the send to the last mail: used / live after a collection | %d / %d MiB |%n%n",
                    heap.mebibytes(), heap.liveMebibytes());
            server.stop(); // gently, so that a flight recording is written
        } finally {
            sink.stop();
        }
    }

    private static long sentWhenQueued(ApiClient.Response sent) {
        return sent.json().get("progress").get("sent").asLong();
    }

    private void arrived(String to, byte[] data) {
        long now = System.nanoTime();
        if (to.endsWith("@reader.example")) {
            firstMass.compareAndSet(0, now);
            lastMass.set(now);
            massBytes.addAndGet(data.length);
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
            chatterBytes.addAndGet(data.length);
            chatter.incrementAndGet();
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

    /** A newsletter of about 3 KB of HTML with two links, tracked (its links rewritten, an open pixel). */
    private static Map<String, Object> mailing(long list) {
        String body = "<p>Hello! Here is our news, with your own links.</p>"
                + "<p>A paragraph of news, as a newsletter has a dozen of them, with a link or two. </p>".repeat(30)
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

    private static long recordWithThreeFollowers(ApiClient api) {
        long record = api.post("/api/records", Map.of("model", "crm.lead", "name", "Mass " + System.nanoTime()))
                .id();
        for (int i = 0; i < 3; i++) {
            api.post(
                    "/api/records/" + record + "/followers",
                    Map.of("name", "Follower " + i, "email", "f" + i + "." + System.nanoTime() + "@follower.example"));
        }
        return record;
    }

    /** One comment to CHATTER followers (about 2 KB, as SendBench's): the queue's rate, first to last accepted. */
    private double chatterRate(ApiClient api) throws InterruptedException {
        long record = api.post("/api/records", Map.of("model", "crm.lead", "name", "Chatter " + System.nanoTime()))
                .id();
        FanOutBench.addFollowers(api, record, CHATTER);
        String body =
                "<p>" + "A notification of about two kilobytes, as a typical chatter message is. ".repeat(25) + "</p>";
        assertThat(api.post("/api/records/" + record + "/messages", Map.of("subject", "Send", "body", body))
                        .status())
                .isEqualTo(201);
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (chatter.get() < CHATTER && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(chatter.get()).isEqualTo(CHATTER);
        return (CHATTER - 1) * 1e9 / (lastChatter.get() - firstChatter.get());
    }
}
