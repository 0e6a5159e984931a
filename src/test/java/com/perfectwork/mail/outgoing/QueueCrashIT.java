package com.perfectwork.mail.outgoing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ScriptedSmtpServer;
import com.perfectwork.mail.ServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A queue of 20 000 mails, the server killed with SIGKILL five times at random moments while it sends, each time
 * restarted on the same data directory: every mail arrives, and the duplicates stay within the documented bound (the
 * mails accepted since the last written outcome of each open connection: 2 connections x 50 per kill). The moments
 * come from a seed that the test prints; {@code -Dcrash.seed=N} runs the same ones again.
 */
class QueueCrashIT {

    private static final int FOLLOWERS = 100;
    private static final int POSTS = 200;
    private static final int KILLS = 5;
    private static final int DUPLICATE_BOUND_PER_KILL = 2 * GroupSender.FLUSH_EVERY;

    @TempDir
    Path dataDir;

    @Test
    void aServerKilledFiveTimesLosesNoMailAndResendsFewAfterEachRestart() {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        System.out.printf("crash test: seed %d (-Dcrash.seed=%d repeats these moments)%n", seed, seed);
        Random random = new Random(seed);
        // the lease is short so that the restart takes the dead instance's mails soon, but long enough that a busy
        // machine never lets a live connection's claim lapse (which would resend mails outside the crash bound)
        try (ScriptedSmtpServer sink = ScriptedSmtpServer.start();
                ServerProcess server = new ServerProcess(
                        dataDir,
                        List.of("--perfectwork.mail.queue.claim-lease=15s"),
                        List.of("PERFECTWORK_ADMIN_PASSWORD=crash-test-password"))) {
            server.start();
            ApiClient api = apiKey(server.port());
            api.put("/api/config-parameters/mail.catchall.domain", Map.of("value", "mycompany.example"));
            assertThat(api.post("/api/mail-servers", Map.of("name", "sink", "host", "127.0.0.1", "port", sink.port()))
                            .status())
                    .isEqualTo(201);
            long record = api.post("/api/records", Map.of("model", "crm.lead", "name", "Crash"))
                    .id();
            for (int i = 0; i < FOLLOWERS; i++) {
                api.post(
                        "/api/records/" + record + "/followers",
                        Map.of("name", "F" + i, "email", "f" + i + "@customer.example"));
            }

            int posted = 0;
            for (int i = 0; i < POSTS; i++) {
                if (api.post("/api/records/" + record + "/messages", Map.of("body", "<p>message " + i + "</p>"))
                                .status()
                        == 201) {
                    posted++;
                }
            }
            int expected = posted * FOLLOWERS;
            assertThat(expected).isEqualTo(20_000);

            List<Integer> acceptedAtKills = new ArrayList<>();
            for (int kill = 0; kill < KILLS; kill++) {
                int threshold = nextKill(random, sink.accepted().size(), expected - distinct(sink), KILLS - kill);
                await().atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> sink.accepted().size() >= threshold);
                server.kill();
                acceptedAtKills.add(sink.accepted().size());
                assertThat(distinct(sink)).as("killed in the middle of sending").isLessThan(expected);
                server.start();
            }
            await().atMost(Duration.ofSeconds(240))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> distinct(sink) >= expected);

            int duplicates = sink.accepted().size() - distinct(sink);
            System.out.printf(
                    "crash test: %d mails, killed after %s accepted, %d duplicates (bound %d = %d kills x %d)%n",
                    expected,
                    acceptedAtKills,
                    duplicates,
                    KILLS * DUPLICATE_BOUND_PER_KILL,
                    KILLS,
                    DUPLICATE_BOUND_PER_KILL);
            assertThat(distinct(sink)).isEqualTo(expected);
            assertThat(duplicates).isLessThanOrEqualTo(KILLS * DUPLICATE_BOUND_PER_KILL);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(api.get("/api/mail-queue?state=outgoing").json().size())
                        .isZero();
                assertThat(api.get("/api/mail-queue?state=exception").json().size())
                        .isZero();
            });
            assertThat(api.get("/api/records/" + record + "/messages").json().size())
                    .isEqualTo(posted);
        }
    }

    /**
     * The sink's count at which to kill next: the mails left are cut into one part per kill left and one more, and
     * the kill falls at a random place in the middle three fifths of the first part, so that it meets a server that
     * has taken up sending again, and leaves mails for the kills after it.
     */
    private static int nextKill(Random random, int accepted, int left, int killsLeft) {
        int part = left / (killsLeft + 1);
        return accepted + part / 5 + random.nextInt(part * 3 / 5);
    }

    private static ApiClient apiKey(int port) {
        ApiClient admin = ApiClient.basic(port, "admin", "crash-test-password");
        String key = admin.post("/api/users/1/api-keys", Map.of("name", "crash"))
                .json()
                .get("key")
                .asString();
        return ApiClient.bearer(port, key);
    }

    private static int distinct(ScriptedSmtpServer sink) {
        return ScriptedSmtpServer.distinct(sink.accepted());
    }
}
