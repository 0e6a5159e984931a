package com.perfectwork.mail.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ImapClient;
import com.perfectwork.mail.MailFixtures;
import com.perfectwork.mail.ServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Push latency benchmark (not a test: it asserts only that every mail arrived). The packaged server holds a
 * GreenMail IMAP mailbox (in this JVM) in IDLE; replies are appended to it over IMAP one after the other, and
 * the time from the start of each APPEND (the client's connection and login included) to the reply being in
 * its thread (polled every 10 ms through the API) is measured. Prints p50, p99 and the maximum. Runs on the database of SPRING_DATASOURCE_URL when set.
 */
@Tag("bench")
class IdleLatencyBench {

    private static final int MAILS = Integer.getInteger("bench.idle.mails", 50);
    /** Mails appended first and not measured: the server's first fetches run on code not yet compiled. */
    private static final int WARM_UP = 5;

    @TempDir
    Path dataDir;

    @Test
    void appendToThreadLatency() throws Exception {
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        mail.start();
        mail.setUser("catchall@mycompany.example", "catchall", "catchall-password");
        int imapPort = mail.getImap().getPort();
        boolean postgres = System.getenv("SPRING_DATASOURCE_URL") != null;
        ServerProcess server =
                new ServerProcess(dataDir, List.of(), List.of("PERFECTWORK_ADMIN_PASSWORD=bench-password"));
        if (postgres) {
            server.onCallersDatabase();
        }
        try (server) {
            server.start();
            ApiClient api = ApiClient.basic(server.port(), "admin", "bench-password");
            api.put("/api/config-parameters/mail.catchall.domain", Map.of("value", "mycompany.example"));
            // one sender replying 50 times to one record is what the loop guard stops: exempt here
            api.put("/api/config-parameters/mail.gateway.allowed", Map.of("value", "customer.example"));
            long record = api.post("/api/records", Map.of("model", "crm.lead", "name", "Push " + System.nanoTime()))
                    .id();
            String messageId = api.post(
                            "/api/records/" + record + "/messages",
                            Map.of("subject", "Delivery of 50 chairs", "body", "<p>Can you confirm?</p>"))
                    .json()
                    .get("messageId")
                    .asString();
            long incoming = api.post(
                            "/api/incoming-servers",
                            Map.of(
                                    "name", "catchall",
                                    "host", "127.0.0.1",
                                    "port", imapPort,
                                    "security", "none",
                                    "username", "catchall",
                                    "password", "catchall-password",
                                    "idle", true))
                    .id();
            assertThat(api.post("/api/incoming-servers/" + incoming + "/test", Map.of())
                            .json()
                            .get("ok")
                            .asBoolean())
                    .isTrue();
            // held once the connection's first fetch has run
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (api.get("/api/incoming-servers/" + incoming)
                            .json()
                            .get("lastFetchAt")
                            .isNull()
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }

            ImapClient mailbox = new ImapClient(imapPort, "catchall", "catchall-password");
            List<Long> latencies = new ArrayList<>();
            for (int i = 1; i <= WARM_UP + MAILS; i++) {
                byte[] reply = MailFixtures.load(
                        "replies/gmail-reply.eml",
                        Map.of(
                                "FROM",
                                "mary@customer.example",
                                "MESSAGE_ID",
                                messageId,
                                "ROOT_ID",
                                "root@elsewhere.example"));
                long start = System.nanoTime();
                mailbox.append(reply);
                while (api.get("/api/records/" + record + "/messages").json().size() < 1 + i
                        && System.nanoTime() - start < Duration.ofSeconds(60).toNanos()) {
                    Thread.sleep(10);
                }
                if (i > WARM_UP) {
                    latencies.add((System.nanoTime() - start) / 1_000_000);
                }
            }
            assertThat(api.get("/api/records/" + record + "/messages").json().size())
                    .isEqualTo(1 + WARM_UP + MAILS);

            Collections.sort(latencies);
            System.out.printf(
                    "%n| IMAP IDLE push benchmark | %s |%n|---|---|%n", postgres ? "PostgreSQL" : "H2 (embedded)");
            System.out.printf("| mails appended one after the other (after %d not measured) | %d |%n", WARM_UP, MAILS);
            System.out.printf("| APPEND to thread, p50 | %d ms |%n", percentile(latencies, 50));
            System.out.printf("| APPEND to thread, p99 | %d ms |%n", percentile(latencies, 99));
            System.out.printf("| APPEND to thread, max | %d ms |%n%n", latencies.get(latencies.size() - 1));
        } finally {
            mail.stop();
        }
    }

    private static long percentile(List<Long> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }
}
