package com.perfectwork.mail.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ServerProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The counting SMTP sink of the mass mail benchmarks, and what they measure through it: mass mails (to
 * {@code @reader.example}), the chatter's notifications (anything else), and comments to a record with 3 followers
 * (to {@code @follower.example}) timed from their post to the last of their 3 mails accepted.
 */
final class MassMailSink implements AutoCloseable {

    private static final Pattern COMMENT = Pattern.compile("Subject: Comment (\\d+)\r\n");

    private final SMTPServer server;
    private final AtomicInteger mass = new AtomicInteger();
    private final AtomicLong firstMass = new AtomicLong();
    private final AtomicLong lastMass = new AtomicLong();
    private final AtomicLong massBytes = new AtomicLong();
    private final AtomicInteger chatter = new AtomicInteger();
    private final AtomicLong firstChatter = new AtomicLong();
    private final AtomicLong lastChatter = new AtomicLong();
    private final AtomicLong chatterBytes = new AtomicLong();
    private final Map<Integer, AtomicInteger> commentMails = new ConcurrentHashMap<>();
    private final Map<Integer, Long> commentDone = new ConcurrentHashMap<>();
    private long[] posted = new long[0];

    MassMailSink() {
        this.server = SMTPServer.port(ServerProcess.freePort())
                .messageHandler((context, from, to, data) -> arrived(to, data))
                .build();
        server.start();
    }

    /** The server's only outgoing server is this one (host 127.0.0.1, this port), its alias domain set. */
    static void onlyServer(ApiClient api, String name, int port) {
        api.get("/api/mail-servers")
                .json()
                .valueStream()
                .forEach(s -> api.delete("/api/mail-servers/" + s.get("id").asLong()));
        api.put("/api/config-parameters/mail.catchall.domain", Map.of("value", "mycompany.example"));
        api.post("/api/mail-servers", Map.of("name", name, "host", "127.0.0.1", "port", port));
    }

    int port() {
        return server.getPortAllocated();
    }

    int mass() {
        return mass.get();
    }

    /** Mass mails a second, first to last accepted, of {@code mails}. */
    double massRate(int mails) {
        return (mails - 1) * 1e9 / (lastMass.get() - firstMass.get());
    }

    /**
     * Mass mails a second from {@code since} (a {@link System#nanoTime()}), when {@code acceptedThen} were accepted,
     * to the last of {@code mails}.
     */
    double massRateSince(long since, int acceptedThen, int mails) {
        return (mails - acceptedThen) * 1e9 / (lastMass.get() - since);
    }

    long massSize() {
        return massBytes.get() / Math.max(1, mass.get());
    }

    long chatterSize() {
        return chatterBytes.get() / Math.max(1, chatter.get());
    }

    /** One comment to {@code followers} (about 2 KB, as SendBench's): the queue's rate, first to last accepted. */
    double chatterRate(ApiClient api, int followers) throws InterruptedException {
        long record = api.post("/api/records", Map.of("model", "crm.lead", "name", "Chatter " + System.nanoTime()))
                .id();
        FanOutBench.addFollowers(api, record, followers);
        String body =
                "<p>" + "A notification of about two kilobytes, as a typical chatter message is. ".repeat(25) + "</p>";
        assertThat(api.post("/api/records/" + record + "/messages", Map.of("subject", "Send", "body", body))
                        .status())
                .isEqualTo(201);
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (chatter.get() < followers && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(chatter.get()).isEqualTo(followers);
        return (followers - 1) * 1e9 / (lastChatter.get() - firstChatter.get());
    }

    /** A record with 3 followers at {@code @follower.example}, for the comments. */
    static long recordWithThreeFollowers(ApiClient api) {
        long record = api.post("/api/records", Map.of("model", "crm.lead", "name", "Mass " + System.nanoTime()))
                .id();
        for (int i = 0; i < 3; i++) {
            api.post(
                    "/api/records/" + record + "/followers",
                    Map.of("name", "Follower " + i, "email", "f" + i + "." + System.nanoTime() + "@follower.example"));
        }
        return record;
    }

    /**
     * Once {@code after} mass mails are accepted, posts {@code comments} to the record, one every 100 ms; returns how
     * many mass mails were accepted when the first was posted.
     */
    int postComments(ApiClient api, long record, int comments, int after, long deadline) throws InterruptedException {
        while (mass.get() < after && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        int accepted = mass.get();
        posted = new long[comments];
        for (int i = 0; i < comments; i++) {
            posted[i] = System.nanoTime();
            assertThat(api.post(
                                    "/api/records/" + record + "/messages",
                                    Map.of("subject", "Comment " + i, "body", "<p>Comment " + i + "</p>"))
                            .status())
                    .isEqualTo(201);
            Thread.sleep(Math.max(0, 100 - (System.nanoTime() - posted[i]) / 1_000_000));
        }
        return accepted;
    }

    /** Waits for every mass mail and every comment's mails, then checks they all came. */
    void awaitAll(int mails, long deadline) throws InterruptedException {
        while ((mass.get() < mails || commentDone.size() < posted.length) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(mass.get()).isEqualTo(mails);
        assertThat(commentDone).hasSize(posted.length);
    }

    /** "p50 / p99 / max ms" of the comments, post to the last of their 3 mails accepted. */
    String commentLatencies() {
        long[] latencies = new long[posted.length];
        for (int i = 0; i < posted.length; i++) {
            latencies[i] = (commentDone.get(i) - posted[i]) / 1_000_000;
        }
        Arrays.sort(latencies);
        int n = latencies.length;
        return latencies[n / 2] + " / " + latencies[(int) Math.ceil(n * 0.99) - 1] + " / " + latencies[n - 1] + " ms";
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

    @Override
    public void close() {
        server.stop();
    }
}
