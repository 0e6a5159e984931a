package com.perfectwork.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ServerProcess;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A mailbox of 600 mails (2 000 with {@code -Dcrash.fetch.mails=2000}), the server killed with SIGKILL in the middle of fetching it, then restarted on the same
 * data directory: every mail becomes exactly one record. A mail stored but not yet marked \Seen when the process
 * died is fetched again and recognised by its Message-ID; none is lost, none is posted twice.
 */
class FetchCrashIT {

    // 2 000 with -Dcrash.fetch.mails=2000 (290 s on two cores): the suite runs 600 to keep CI within its time
    private static final int MAILS = Integer.getInteger("crash.fetch.mails", 600);

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.IMAP.dynamicPort());

    @TempDir
    Path dataDir;

    @Test
    void aServerKilledWhileFetchingPostsEveryMailExactlyOnce() throws Exception {
        GreenMailUser catchall = mail.setUser("catchall@mycompany.example", "catchall", "catchall-password");
        Session session = Session.getInstance(new Properties());
        for (int i = 0; i < MAILS; i++) {
            String raw = "From: customer" + (i % 50) + "@customer.example\r\nTo: tickets@mycompany.example\r\n"
                    + "Subject: Ticket " + i + "\r\nMessage-ID: <ticket-" + i + "@customer.example>\r\n"
                    + "Date: Tue, 1 Dec 2026 10:00:00 +0000\r\n\r\nPlease help with ticket " + i + ".\r\n";
            catchall.deliver(new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
        }

        try (ServerProcess server =
                new ServerProcess(dataDir, List.of(), List.of("PERFECTWORK_ADMIN_PASSWORD=fetch-crash-password"))) {
            server.start();
            ApiClient api = ApiClient.basic(server.port(), "admin", "fetch-crash-password");
            api.put("/api/config-parameters/mail.catchall.domain", Map.of("value", "mycompany.example"));
            // a loop guard counting 50 tickets per sender in two hours would stop this test's customers
            api.put("/api/config-parameters/mail.gateway.loop.threshold", Map.of("value", "100000"));
            assertThat(api.post("/api/aliases", Map.of("name", "tickets", "model", "helpdesk.ticket"))
                            .status())
                    .isEqualTo(201);
            long incoming = api.post(
                            "/api/incoming-servers",
                            Map.of(
                                    "name",
                                    "catchall",
                                    "protocol",
                                    "imap",
                                    "host",
                                    "127.0.0.1",
                                    "port",
                                    mail.getImap().getPort(),
                                    "security",
                                    "none",
                                    "username",
                                    "catchall",
                                    "password",
                                    "catchall-password"))
                    .id();
            assertThat(api.post("/api/incoming-servers/" + incoming + "/test", Map.of())
                            .json()
                            .get("ok")
                            .asBoolean())
                    .isTrue();

            CompletableFuture.runAsync(() -> api.post("/api/incoming-servers/" + incoming + "/fetch", Map.of()));
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> seen(catchall) >= MAILS / 4);
            server.kill();
            int seenAtKill = seen(catchall);
            assertThat(seenAtKill).as("killed in the middle of fetching").isLessThan(MAILS);

            server.start();
            // the fetch answers when the mailbox is done; a slow machine may outlast the client's timeout
            CompletableFuture.runAsync(() -> api.post("/api/incoming-servers/" + incoming + "/fetch", Map.of()));
            await().atMost(Duration.ofSeconds(300))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> seen(catchall) == MAILS);

            // a page holds 1 000 at most: read until one comes back short
            List<JsonNode> tickets = new ArrayList<>();
            for (int page = 0; tickets.size() == page * 1000; page++) {
                api.get("/api/records?model=helpdesk.ticket&limit=1000&offset=" + page * 1000)
                        .json()
                        .valueStream()
                        .forEach(tickets::add);
            }
            long distinct = tickets.stream()
                    .map(t -> t.get("name").asString())
                    .collect(Collectors.toSet())
                    .size();
            System.out.printf(
                    "fetch crash test: %d mails, killed after %d marked seen; %d records, %d distinct%n",
                    MAILS, seenAtKill, tickets.size(), distinct);
            assertThat(distinct).as("every mail became a record").isEqualTo(MAILS);
            assertThat(tickets).as("no mail became two records").hasSize(MAILS);
            assertThat(api.get("/api/inbound-log?outcome=failed").json().size()).isZero();
        }
    }

    private static int seen(GreenMailUser user) throws com.icegreen.greenmail.store.FolderException {
        return (int) mail.getManagers().getImapHostManager().getInbox(user).getMessages().stream()
                .filter(message -> message.getFlags().contains(Flags.Flag.SEEN))
                .count();
    }
}
