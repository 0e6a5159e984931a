package com.perfectwork.mail.outgoing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ScriptedSmtpServer;
import com.perfectwork.mail.ServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A queue of 5 000 mails, the server killed with SIGKILL in the middle of sending, then restarted on the
 * same data directory: every mail arrives, and the duplicates stay within the documented bound (the mails
 * accepted since the last written outcome of each open connection: 2 connections x 50).
 */
class QueueCrashIT {

    private static final int FOLLOWERS = 50;
    private static final int POSTS = 100;
    private static final int DUPLICATE_BOUND = 2 * GroupSender.FLUSH_EVERY;
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID: (<[^>]+>)");

    @TempDir
    Path dataDir;

    @Test
    void aKilledServerLosesNoMailAndResendsFewAfterRestart() {
        // the lease is short so that the restart takes the dead instance's mails soon, but long enough that a busy
        // machine never lets a live connection's claim lapse (which would resend mails outside the crash bound)
        try (ScriptedSmtpServer sink = ScriptedSmtpServer.start().slowDown(2);
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
            assertThat(expected).isEqualTo(5_000);

            await().atMost(Duration.ofSeconds(60)).until(() -> sink.accepted().size() >= 1_000);
            server.kill();
            int acceptedAtKill = sink.accepted().size();
            assertThat(acceptedAtKill).as("killed in the middle of sending").isLessThan(expected);

            server.start();
            await().atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> distinct(sink) >= expected);

            int duplicates = sink.accepted().size() - distinct(sink);
            System.out.printf(
                    "crash test: %d mails, killed after %d accepted, %d duplicates (bound %d)%n",
                    expected, acceptedAtKill, duplicates, DUPLICATE_BOUND);
            assertThat(distinct(sink)).isEqualTo(expected);
            assertThat(duplicates).isLessThanOrEqualTo(DUPLICATE_BOUND);
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

    private static ApiClient apiKey(int port) {
        ApiClient admin = ApiClient.basic(port, "admin", "crash-test-password");
        String key = admin.post("/api/users/1/api-keys", Map.of("name", "crash"))
                .json()
                .get("key")
                .asString();
        return ApiClient.bearer(port, key);
    }

    /** Distinct (recipient, Message-ID) pairs the sink accepted. */
    private static int distinct(ScriptedSmtpServer sink) {
        Set<String> seen = new HashSet<>();
        for (ScriptedSmtpServer.Accepted mail : sink.accepted()) {
            Matcher id = MESSAGE_ID.matcher(mail.data());
            seen.add(mail.recipients() + (id.find() ? id.group(1) : "?"));
        }
        return seen.size();
    }
}
