package com.perfectwork.mail.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.PeakHeap;
import com.perfectwork.mail.ServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.server.SMTPServer;

/**
 * Memory benchmark (not a test: it asserts only that every mail arrived and the server lived). The packaged server
 * with a 256 MB heap ({@code -Xmx256m}) queues 100 000 mails while its only outgoing server is down (100 comments
 * to a record with 1 000 followers), then the server comes up and the queue sends them all. Prints the peak heap
 * while they wait and while they are sent. {@code -Dbench.memory.followers=N} and {@code -Dbench.memory.posts=N}
 * change the numbers. Runs on the database of SPRING_DATASOURCE_URL when set (PostgreSQL), else on the embedded H2.
 */
@Tag("bench")
class QueueMemoryBench {

    private static final int FOLLOWERS = Integer.getInteger("bench.memory.followers", 1_000);
    private static final int POSTS = Integer.getInteger("bench.memory.posts", 100);

    @TempDir
    Path dataDir;

    @Test
    void aHundredThousandQueuedMailsIn256Megabytes() throws Exception {
        int mails = FOLLOWERS * POSTS;
        int sinkPort = ServerProcess.freePort();
        boolean postgres = System.getenv("SPRING_DATASOURCE_URL") != null;
        ServerProcess server = new ServerProcess(
                        dataDir,
                        // a mail the server could not take is tried again soon, once the server is back
                        List.of("--perfectwork.mail.retry.initial-delay=5s", "--perfectwork.mail.retry.max-delay=10s"),
                        List.of("PERFECTWORK_ADMIN_PASSWORD=bench-password"))
                .heap("256m");
        if (postgres) {
            server.onCallersDatabase();
        }
        AtomicInteger received = new AtomicInteger();
        SMTPServer sink = SMTPServer.port(sinkPort)
                .messageHandler((context, from, to, data) -> received.incrementAndGet())
                .build();
        try (server) {
            server.start();
            ApiClient api = FanOutBench.apiKey(server.port());
            // nothing listens there yet: every mail waits in the queue
            MassMailSink.onlyServer(api, "down", sinkPort);
            long record = api.post("/api/records", Map.of("model", "crm.lead", "name", "Memory " + System.nanoTime()))
                    .id();
            FanOutBench.addFollowers(api, record, FOLLOWERS);

            PeakHeap queuedHeap = PeakHeap.of(server);
            long queueStart = System.nanoTime();
            for (int i = 0; i < POSTS; i++) {
                assertThat(api.post(
                                        "/api/records/" + record + "/messages",
                                        Map.of(
                                                "subject",
                                                "Update " + i,
                                                "body",
                                                "<p>"
                                                        + ("Update " + i
                                                                        + " of the memory benchmark, about two kilobytes. ")
                                                                .repeat(30)
                                                        + "</p>"))
                                .status())
                        .isEqualTo(201);
            }
            long queueMillis = (System.nanoTime() - queueStart) / 1_000_000;
            Thread.sleep(15_000); // the queue's passes meet the server down, again and again, with all of them queued
            queuedHeap.close();

            PeakHeap sendingHeap = PeakHeap.of(server);
            sink.start();
            long sendStart = System.nanoTime();
            long deadline = sendStart + Duration.ofMinutes(20).toNanos();
            while (received.get() < mails && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            long sendMillis = (System.nanoTime() - sendStart) / 1_000_000;
            sendingHeap.close();
            assertThat(received.get()).isEqualTo(mails);
            assertThat(server.isAlive()).isTrue();
            assertThat(server.logText()).doesNotContain("OutOfMemoryError");

            System.out.printf(
                    "%n| queue memory benchmark, -Xmx256m | %s, %s |%n|---|---|%n",
                    postgres ? "PostgreSQL" : "H2 (embedded)", Machine.describe());
            System.out.printf(
                    "| mails queued | %d (%d posts × %d followers) in %d ms |%n", mails, POSTS, FOLLOWERS, queueMillis);
            System.out.printf(
                    "| peak heap while queued, the server down: used / live after a collection | %d / %d MiB |%n",
                    queuedHeap.mebibytes(), queuedHeap.liveMebibytes());
            System.out.printf(
                    "| peak heap while sent: used / live after a collection | %d / %d MiB |%n",
                    sendingHeap.mebibytes(), sendingHeap.liveMebibytes());
            System.out.printf(
                    "| all sent after the server came up | %.1f s (%.0f mails/s) |%n%n",
                    sendMillis / 1000.0, mails * 1000.0 / sendMillis);
        } finally {
            sink.stop();
        }
    }
}
