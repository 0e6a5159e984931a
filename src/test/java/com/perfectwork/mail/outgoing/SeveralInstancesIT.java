package com.perfectwork.mail.outgoing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ScriptedSmtpServer;
import com.perfectwork.mail.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import tools.jackson.databind.JsonNode;

/**
 * Three instances of the packaged jar on one PostgreSQL database (of this test's own) and one data directory,
 * as the README sets several instances up: they share the queue without sending a mail twice, run a scheduled
 * action one at a time, and finish the mails of an instance killed in the middle of its batch. PostgreSQL
 * only: the embedded H2 is one instance's database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeveralInstancesIT {

    private static final int INSTANCES = 3;
    private static final int FOLLOWERS = 300;
    private static final int POSTS = 100;
    private static final int MAILS = FOLLOWERS * POSTS;
    /** What one kill may resend: the mails accepted since the last written outcome of each open connection. */
    private static final int DUPLICATE_BOUND = 2 * GroupSender.FLUSH_EVERY;
    /**
     * Short, so that the takeover comes soon; long enough that a busy machine never lets a live connection's claim
     * lapse (which would resend mails without any kill).
     */
    private static final Duration CLAIM_LEASE = Duration.ofSeconds(10);

    private static final String DATABASE = "several_instances_it";
    private static final String PASSWORD = "several-instances-password";
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID: (<[^>]+>)");
    private static final Pattern SENT = Pattern.compile("(?m)^perfectwork_mail_sent_total(?:\\{[^}]*})? (\\S+)");

    @RegisterExtension
    static GreenMailExtension imap =
            new GreenMailExtension(ServerSetupTest.IMAP.dynamicPort()).withPerMethodLifecycle(false);

    @TempDir
    static Path dir;

    private JdbcClient admin;
    private SingleConnectionDataSource adminConnection;
    private JdbcClient database;
    private SingleConnectionDataSource databaseConnection;
    private final List<ServerProcess> servers = new ArrayList<>();
    private final List<ApiClient> apis = new ArrayList<>();
    private ScriptedSmtpServer sink;
    private long record;

    @BeforeAll
    void startThreeInstancesOnOneDatabaseAndOneDataDirectory() throws IOException {
        String url = System.getenv("SPRING_DATASOURCE_URL");
        assumeTrue(
                url != null && url.startsWith("jdbc:postgresql:"),
                "several instances share a PostgreSQL database: the PostgreSQL phase of CI runs this");
        String user = System.getenv("SPRING_DATASOURCE_USERNAME");
        String password = System.getenv().getOrDefault("SPRING_DATASOURCE_PASSWORD", "");
        adminConnection = new SingleConnectionDataSource(url, user, password, true);
        admin = JdbcClient.create(adminConnection);
        admin.sql("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)").update();
        admin.sql("CREATE DATABASE " + DATABASE).update();
        String ownUrl = url.replaceFirst("^(jdbc:postgresql://[^/?]+/)[^?]*", "$1" + DATABASE);
        databaseConnection = new SingleConnectionDataSource(ownUrl, user, password, true);
        database = JdbcClient.create(databaseConnection);

        sink = ScriptedSmtpServer.start();
        Path shared = dir.resolve("shared-data");
        for (int i = 0; i < INSTANCES; i++) {
            Path own = Files.createDirectories(dir.resolve("instance-" + i));
            servers.add(new ServerProcess(
                            own,
                            List.of(
                                    "--perfectwork.mail.queue.claim-lease=" + CLAIM_LEASE.toSeconds() + "s",
                                    // due actions are seen within 200 ms by every instance, well within a fetch
                                    "--perfectwork.scheduling.tick=200ms"),
                            List.of("PERFECTWORK_ADMIN_PASSWORD=" + PASSWORD, "SPRING_DATASOURCE_URL=" + ownUrl))
                    .onCallersDatabase()
                    .dataDirectory(shared));
        }
        Instant starting = Instant.now();
        // in parallel: three jars starting one after the other on two cores take three times as long
        CompletableFuture.allOf(servers.stream()
                        .map(server -> CompletableFuture.runAsync(server::start))
                        .toArray(CompletableFuture[]::new))
                .join();
        System.out.printf(
                "several instances: %d instances started in %.1f s%n",
                INSTANCES, Duration.between(starting, Instant.now()).toMillis() / 1000.0);
        String key = ApiClient.basic(servers.get(0).port(), "admin", PASSWORD)
                .post("/api/users/1/api-keys", Map.of("name", "several instances"))
                .json()
                .get("key")
                .asString();
        servers.forEach(server -> apis.add(ApiClient.bearer(server.port(), key)));

        ApiClient api = apis.get(0);
        api.put("/api/config-parameters/mail.catchall.domain", Map.of("value", "mycompany.example"));
        assertThat(api.post("/api/mail-servers", Map.of("name", "sink", "host", "127.0.0.1", "port", sink.port()))
                        .status())
                .isEqualTo(201);
        // the queue runs only when woken (a post, a retry due, a claim lapsing), never by its scheduled action: the
        // takeover of a killed instance's mails below must come from the instances still alive by themselves
        schedule(api, "mail_queue", Instant.now().plus(Duration.ofDays(1)), Map.of("intervalType", "days"));
        record = api.post("/api/records", Map.of("model", "crm.lead", "name", "Several instances"))
                .id();
        IntStream.range(0, FOLLOWERS)
                .parallel()
                .forEach(i -> assertThat(apis.get(i % INSTANCES)
                                .post(
                                        "/api/records/" + record + "/followers",
                                        Map.of("name", "F" + i, "email", "f" + i + "@customer.example"))
                                .status())
                        .isEqualTo(201));
    }

    @Test
    @Order(1)
    void threeInstancesSendEveryMailOnceAndShareTheWork() {
        double[] before = sentByInstance();
        Instant start = Instant.now();
        postComments("first");
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> distinct() >= MAILS);
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;

        int duplicates = sink.accepted().size() - distinct();
        double[] after = sentByInstance();
        List<Long> shares = IntStream.range(0, INSTANCES)
                .mapToObj(i -> Math.round(after[i] - before[i]))
                .toList();
        System.out.printf(
                "several instances: %d mails by %d instances in %.1f s (%.0f mails/s), shares %s, %d duplicates%n",
                MAILS, INSTANCES, seconds, MAILS / seconds, shares, duplicates);
        assertThat(distinct()).isEqualTo(MAILS);
        assertThat(duplicates).as("mails sent twice").isZero();
        assertThat(shares).as("mails sent by each instance").allMatch(share -> share > 0);
        assertThat(shares.stream().mapToLong(Long::longValue).sum()).isEqualTo(MAILS);
        assertThat(outgoing()).isZero();
    }

    @Test
    @Order(2)
    void aScheduledActionRunsOnOneInstanceAtATime() throws Exception {
        imap.setUser("catchall@mycompany.example", "catchall", "catchall-password");
        try (SessionCountingRelay relay =
                new SessionCountingRelay(imap.getImap().getPort(), 500)) {
            long server = apis.get(0)
                    .post(
                            "/api/incoming-servers",
                            Map.of(
                                    "name", "catchall",
                                    "protocol", "imap",
                                    "host", "127.0.0.1",
                                    "port", relay.port(),
                                    "security", "none",
                                    "username", "catchall",
                                    "password", "catchall-password"))
                    .id();
            // the password encrypted by the first instance is decrypted by each: they share the secret key
            for (ApiClient api : apis) {
                JsonNode test = api.post("/api/incoming-servers/" + server + "/test", Map.of())
                        .json();
                assertThat(test.get("ok").asBoolean()).as(test.toString()).isTrue();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> relay.open() == 0);
            relay.reset();

            int runs = 6;
            for (int run = 0; run < runs; run++) {
                Instant due = Instant.now();
                // due now on every instance; the one the change goes through is woken, the others see it at a tick
                schedule(apis.get(run % INSTANCES), "mail_fetchmail", due.minusSeconds(1), Map.of());
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    JsonNode action = action("mail_fetchmail");
                    assertThat(action.get("lastRunAt").isNull()).isFalse();
                    assertThat(Instant.parse(action.get("lastRunAt").asString()))
                            .isAfter(due);
                    assertThat(action.get("lastRunStatus").asString()).isEqualTo("ok");
                });
            }
            System.out.printf(
                    "several instances: %d scheduled fetches, %d IMAP sessions, at most %d at once%n",
                    runs, relay.sessions(), relay.mostAtOnce());
            assertThat(relay.mostAtOnce()).as("fetches at the same time").isEqualTo(1);
            assertThat(relay.sessions()).as("fetches").isEqualTo(runs);
            assertThat(apis.get(0)
                            .get("/api/incoming-servers/" + server)
                            .json()
                            .get("lastError")
                            .isNull())
                    .isTrue();
        }
    }

    @Test
    @Order(3)
    void theOthersFinishTheMailsOfAKilledInstance() {
        sink.accepted().clear();
        postComments("second");
        // killed once every mail is claimed, the others soon idle: only the lapse of its claims wakes them. The last
        // claims are sent in well under a second at full speed, which a loaded machine's polls may miss: the sink
        // slows down for the last few thousand, so that the moment lasts seconds
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> sink.accepted().size() >= MAILS - 3000);
        sink.slowDown(10);
        List<Map<String, Object>> holders = await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(20))
                .until(this::claimsOnceNoneIsLeft, rows -> !rows.isEmpty());
        String owner = (String) holders.get(0).get("claimed_by");
        long held = ((Number) holders.get(0).get("mails")).longValue();
        ServerProcess victim = servers.stream()
                .filter(s -> owner.startsWith(s.pid() + "@"))
                .findFirst()
                .orElseThrow();
        victim.kill();
        Instant killed = Instant.now();
        int acceptedAtKill = sink.accepted().size();

        await().atMost(CLAIM_LEASE.plusSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> heldBy(owner) == 0);
        double takeover = Duration.between(killed, Instant.now()).toMillis() / 1000.0;
        await().atMost(CLAIM_LEASE.plusSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> distinct() >= MAILS);
        double finished = Duration.between(killed, Instant.now()).toMillis() / 1000.0;

        int duplicates = sink.accepted().size() - distinct();
        System.out.printf(
                "several instances: killed one holding %d claimed mails after %d of %d accepted; its mails taken over"
                        + " after %.1f s (claim lease %d s), all delivered %.1f s after the kill; %d duplicates"
                        + " (bound %d)%n",
                held, acceptedAtKill, MAILS, takeover, CLAIM_LEASE.toSeconds(), finished, duplicates, DUPLICATE_BOUND);
        assertThat(distinct()).isEqualTo(MAILS);
        assertThat(duplicates).isLessThanOrEqualTo(DUPLICATE_BOUND);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(outgoing()).isZero());
        assertThat(database.sql("SELECT COUNT(*) FROM outgoing_mails WHERE state <> 'sent'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @AfterAll
    void stopAndDropTheDatabase() {
        servers.forEach(ServerProcess::close);
        if (sink != null) {
            sink.close();
        }
        if (databaseConnection != null) {
            databaseConnection.destroy();
        }
        if (admin != null) {
            admin.sql("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)").update();
            adminConnection.destroy();
        }
    }

    /** 100 comments, each to the 300 followers, posted through each instance in turn (which wakes its runner). */
    private void postComments(String batch) {
        for (int i = 0; i < POSTS; i++) {
            assertThat(apis.get(i % INSTANCES)
                            .post(
                                    "/api/records/" + record + "/messages",
                                    Map.of("body", "<p>" + batch + " message " + i + "</p>"))
                            .status())
                    .isEqualTo(201);
        }
    }

    /** The instance holding the most claimed mails, once no waiting mail is left unclaimed; empty before. */
    private List<Map<String, Object>> claimsOnceNoneIsLeft() {
        List<Map<String, Object>> rows = database.sql("""
                        SELECT claimed_by, COUNT(*) AS mails FROM outgoing_mails WHERE state = 'outgoing'
                        GROUP BY claimed_by ORDER BY COUNT(*) DESC""").query().listOfRows();
        boolean noneLeft = rows.stream().noneMatch(row -> row.get("claimed_by") == null);
        return noneLeft && !rows.isEmpty() ? rows.subList(0, 1) : List.of();
    }

    private long heldBy(String owner) {
        return database.sql("SELECT COUNT(*) FROM outgoing_mails WHERE state = 'outgoing' AND claimed_by = ?")
                .param(owner)
                .query(Long.class)
                .single();
    }

    private long outgoing() {
        return database.sql("SELECT COUNT(*) FROM outgoing_mails WHERE state = 'outgoing'")
                .query(Long.class)
                .single();
    }

    /** {@code perfectwork_mail_sent_total} of each instance: the mails it sent itself. */
    private double[] sentByInstance() {
        return servers.stream()
                .mapToDouble(server -> {
                    Matcher sent = SENT.matcher(ApiClient.anonymous(server.port())
                            .get("/actuator/prometheus")
                            .body());
                    return sent.find() ? Double.parseDouble(sent.group(1)) : 0;
                })
                .toArray();
    }

    private void schedule(ApiClient api, String code, Instant nextCall, Map<String, Object> more) {
        Map<String, Object> change = new HashMap<>(more);
        change.put("nextCall", nextCall.toString());
        assertThat(api.put("/api/scheduled-actions/" + action(code).get("id").asLong(), change)
                        .status())
                .isEqualTo(200);
    }

    private JsonNode action(String code) {
        return apis.get(0)
                .get("/api/scheduled-actions")
                .json()
                .valueStream()
                .filter(a -> a.get("code").asString().equals(code))
                .findFirst()
                .orElseThrow();
    }

    /** Distinct (recipient, Message-ID) pairs the sink accepted. */
    private int distinct() {
        Set<String> seen = new HashSet<>();
        for (ScriptedSmtpServer.Accepted mail : sink.accepted()) {
            Matcher id = MESSAGE_ID.matcher(mail.data());
            seen.add(mail.recipients() + (id.find() ? id.group(1) : "?"));
        }
        return seen.size();
    }
}
