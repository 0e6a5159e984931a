package com.perfectwork.mail.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.PeakHeap;
import com.perfectwork.mail.ServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.server.SMTPServer;

/**
 * Fan-out benchmark (not a test: it asserts only that every mail arrived). One comment on a record with
 * 10 000 followers, delivered by the packaged server to a counting SMTP sink on this machine. Prints the
 * time to post, the delivery rate and the server's peak heap (sampled every 100 ms from its metrics).
 * Runs on the database of SPRING_DATASOURCE_URL when set (PostgreSQL), else on the embedded H2.
 */
@Tag("bench")
class FanOutBench {

    private static final int FOLLOWERS = Integer.getInteger("bench.followers", 10_000);

    @TempDir
    Path dataDir;

    @Test
    void fanOut() throws Exception {
        AtomicInteger received = new AtomicInteger();
        SMTPServer sink = SMTPServer.port(0)
                .messageHandler((context, from, to, data) -> received.incrementAndGet())
                .build();
        sink.start();
        boolean postgres = System.getenv("SPRING_DATASOURCE_URL") != null;
        ServerProcess server =
                new ServerProcess(dataDir, List.of(), List.of("PERFECTWORK_ADMIN_PASSWORD=bench-password")).heap("1g");
        if (postgres) {
            server.onCallersDatabase();
        }
        try (server) {
            server.start();
            ApiClient api = apiKey(server.port());
            api.get("/api/mail-servers")
                    .json()
                    .valueStream()
                    .forEach(s -> api.delete("/api/mail-servers/" + s.get("id").asLong()));
            api.put("/api/config-parameters/mail.catchall.domain", Map.of("value", "mycompany.example"));
            api.post("/api/mail-servers", Map.of("name", "sink", "host", "127.0.0.1", "port", sink.getPortAllocated()));
            long record = api.post("/api/records", Map.of("model", "crm.lead", "name", "Fan-out " + System.nanoTime()))
                    .id();
            addFollowers(api, record, FOLLOWERS);

            PeakHeap peakHeap = PeakHeap.of(server);
            int before = received.get();
            long start = System.nanoTime();
            ApiClient.Response posted = api.post(
                    "/api/records/" + record + "/messages",
                    Map.of(
                            "subject",
                            "Fan-out",
                            "body",
                            "<p>"
                                    + "A notification of about two kilobytes, as a typical chatter message is. "
                                            .repeat(25)
                                    + "</p>"));
            long postMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(posted.status()).isEqualTo(201);
            while (received.get() - before < FOLLOWERS
                    && System.nanoTime() - start < Duration.ofMinutes(10).toNanos()) {
                Thread.sleep(20);
            }
            long deliverMillis = (System.nanoTime() - start) / 1_000_000;
            peakHeap.close();
            assertThat(received.get() - before).isEqualTo(FOLLOWERS);

            System.out.printf("%n| fan-out benchmark | %s |%n|---|---|%n", postgres ? "PostgreSQL" : "H2 (embedded)");
            System.out.printf("| machine | %s |%n", Machine.describe());
            System.out.printf("| followers | %d |%n", FOLLOWERS);
            System.out.printf("| time to post (HTTP 201, mails queued) | %d ms |%n", postMillis);
            System.out.printf("| post to last mail accepted by the sink | %d ms |%n", deliverMillis);
            System.out.printf("| delivery rate | %.0f mails/s |%n", FOLLOWERS * 1000.0 / deliverMillis);
            System.out.printf("| server peak heap (sampled) | %d MiB |%n%n", peakHeap.mebibytes());
            server.stop(); // gently, so that a profiling recording is written
        } finally {
            sink.stop();
        }
    }

    /** Followers added four at a time, each a new partner with an address of its own. */
    static void addFollowers(ApiClient api, long record, int followers) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        String run = Long.toString(System.nanoTime(), 36);
        for (int i = 0; i < followers; i++) {
            int n = i;
            pool.execute(() -> api.post(
                    "/api/records/" + record + "/followers",
                    Map.of("name", "Follower " + n, "email", "f" + n + "." + run + "@customer.example")));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.MINUTES)).isTrue();
    }

    /** An API key of the administrator's (the password is the benchmarks' own), as another application uses. */
    static ApiClient apiKey(int port) {
        ApiClient admin = ApiClient.basic(port, "admin", "bench-password");
        long adminId = admin.get("/api/users")
                .json()
                .valueStream()
                .filter(u -> u.get("login").asString().equals("admin"))
                .findFirst()
                .orElseThrow()
                .get("id")
                .asLong();
        return ApiClient.bearer(
                port,
                admin.post("/api/users/" + adminId + "/api-keys", Map.of("name", "bench"))
                        .json()
                        .get("key")
                        .asString());
    }
}
