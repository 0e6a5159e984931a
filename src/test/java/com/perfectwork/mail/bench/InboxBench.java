package com.perfectwork.mail.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.PostgresDatabases;
import com.perfectwork.mail.ServerProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The inbox's benchmark (not a test: it asserts only that every notification went where it should), on the packaged
 * jar and PostgreSQL. One: a comment on a record with 10 000 followers, half of them users who chose the inbox, posted
 * three times: the time to post (the 5 000 inbox entries and the 5 000 mails queued) and to the last mail accepted
 * by a counting sink on this machine. Two: a user with 100 000 notifications and one with 1 000, 1 000 of them unread
 * in both (loaded with SQL, as the fan-out would have stored them), their inbox listed through the API in pages of 50,
 * the first, one halfway with {@code before=} and the first unread; the one statement the menu's counter polls with,
 * timed in the database; then the large one again with all 100 000 unread, which the unread count pays for. Medians.
 */
@Tag("bench")
class InboxBench {

    private static final int FOLLOWERS = Integer.getInteger("bench.inbox.followers", 10_000);
    private static final int LARGE = Integer.getInteger("bench.inbox.large", 100_000);
    private static final int SMALL = Integer.getInteger("bench.inbox.small", 1_000);
    private static final int RUNS = 3;
    private static final int CALLS = Integer.getInteger("bench.inbox.calls", 100);

    @TempDir
    Path dataDir;

    @Test
    void fanOutToInboxesAndPagesOfALargeInbox() throws Exception {
        String url = System.getenv("SPRING_DATASOURCE_URL");
        assumeTrue(url != null && url.startsWith("jdbc:postgresql:"), "PostgreSQL (SPRING_DATASOURCE_URL)");
        AtomicInteger received = new AtomicInteger();
        SMTPServer sink = SMTPServer.port(0)
                .messageHandler((context, from, to, data) -> received.incrementAndGet())
                .build();
        sink.start();
        ServerProcess server = new ServerProcess(
                        dataDir, List.of(), List.of("PERFECTWORK_ADMIN_PASSWORD=bench-password"))
                .heap("1g")
                .onCallersDatabase();
        try (server;
                Connection db =
                        DriverManager.getConnection(url, PostgresDatabases.user(), PostgresDatabases.password())) {
            server.start();
            ApiClient api = FanOutBench.apiKey(server.port());
            MassMailSink.onlyServer(api, "sink", sink.getPortAllocated());

            List<long[]> fanOuts = fanOut(api, db, received);
            Reader large = reader(api, server.port(), db, LARGE, SMALL);
            Reader small = reader(api, server.port(), db, SMALL, SMALL);
            double[][] mostlyRead = measure(db, List.of(large, small));
            large.allUnread(db);
            double[][] allUnread = measure(db, List.of(large));

            System.out.printf("%n| inbox benchmark | PostgreSQL, %s |%n|---|---|%n", Machine.describe());
            System.out.printf(
                    "| comment to %d followers, %d of them inbox users: post (201, entries stored, mails queued) |"
                            + " %s ms |%n",
                    FOLLOWERS, FOLLOWERS / 2, runs(fanOuts, 0));
            System.out.printf(
                    "| post to the last of its %d mails accepted by the sink | %s ms |%n",
                    FOLLOWERS - FOLLOWERS / 2, runs(fanOuts, 1));
            print(LARGE, SMALL, mostlyRead[0]);
            print(SMALL, SMALL, mostlyRead[1]);
            print(LARGE, LARGE, allUnread[0]);
            System.out.printf(
                    "| ratio %d / %d notifications (as many unread): first page, halfway | %.2f, %.2f |%n%n",
                    LARGE, SMALL, mostlyRead[0][0] / mostlyRead[1][0], mostlyRead[0][1] / mostlyRead[1][1]);
        } finally {
            sink.stop();
        }
    }

    /** Three comments on one record, each timed to its 201 and to its last mail accepted: {post, last mail} ms. */
    private static List<long[]> fanOut(ApiClient api, Connection db, AtomicInteger received) throws Exception {
        long record = api.post(
                        "/api/records", Map.of("model", "crm.lead", "name", "Inbox fan-out " + System.nanoTime()))
                .id();
        followers(db, record);
        int mails = FOLLOWERS - FOLLOWERS / 2;
        List<long[]> runs = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            int before = received.get();
            long start = System.nanoTime();
            ApiClient.Response posted = api.post(
                    "/api/records/" + record + "/messages",
                    Map.of(
                            "subject",
                            "Fan-out " + run,
                            "body",
                            "<p>" + "A comment of a few lines. ".repeat(40) + "</p>"));
            long post = (System.nanoTime() - start) / 1_000_000;
            assertThat(posted.status()).as(posted.body()).isEqualTo(201);
            while (received.get() - before < mails
                    && System.nanoTime() - start < Duration.ofMinutes(10).toNanos()) {
                Thread.sleep(10);
            }
            long delivered = (System.nanoTime() - start) / 1_000_000;
            assertThat(received.get() - before).isEqualTo(mails);
            assertThat(count(db, "SELECT COUNT(*) FROM inbox_entries WHERE message_id = ?", posted.id()))
                    .isEqualTo(FOLLOWERS / 2);
            runs.add(new long[] {post, delivered});
        }
        return runs;
    }

    /**
     * The followers, written as the directory and the discussion write them: contacts with an address each, every
     * second one a user who chose the inbox (users made through the API would spend the run hashing passwords).
     */
    private static void followers(Connection db, long record) throws SQLException {
        String run = Long.toString(System.nanoTime(), 36);
        execute(db, """
                INSERT INTO partners (name, email, email_normalized, created_at)
                SELECT 'Follower ' || g, 'f' || g || '.' || ? || '@customer.example',
                       'f' || g || '.' || ? || '@customer.example', now()
                FROM generate_series(1, ?) g""", run, run, FOLLOWERS);
        String mine = "email_normalized LIKE '%." + run + "@customer.example'";
        execute(
                db,
                "INSERT INTO users (login, password_hash, role, partner_id, active, created_at, notification_preference)"
                        + " SELECT 'inbox-' || id, '!', 'USER', id, TRUE, now(), 'inbox' FROM partners WHERE " + mine
                        + " AND id % 2 = 0");
        execute(
                db,
                "INSERT INTO followers (record_id, partner_id, created_at) SELECT ?, id, now() FROM partners WHERE "
                        + mine,
                record);
        execute(db, "ANALYZE partners");
        execute(db, "ANALYZE users");
        execute(db, "ANALYZE followers");
    }

    /** An inbox of {@code size} notifications, {@code unread} of them unread, listed by its owner's {@code api}. */
    record Reader(int size, int unread, ApiClient api, long partner, long halfwayId) {

        /** Every notification unread: what the unread count costs. */
        void allUnread(Connection db) throws SQLException {
            execute(db, "UPDATE inbox_entries SET is_read = FALSE WHERE partner_id = ?", partner);
            execute(db, "VACUUM ANALYZE inbox_entries");
        }
    }

    /**
     * A user with the inbox preference and {@code size} notifications, one per message of a record with {@code size}
     * messages (as the fan-out stores them), {@code unread} of them unread, spread through the inbox; listed through
     * the API with the user's own key.
     */
    private static Reader reader(ApiClient api, int port, Connection db, int size, int unread) throws Exception {
        String login = "inbox-bench-" + size + "-" + Long.toString(System.nanoTime(), 36);
        ApiClient.Response user = api.post(
                "/api/users",
                Map.of(
                        "login",
                        login,
                        "password",
                        "bench-password-" + size,
                        "name",
                        "Inbox reader",
                        "email",
                        login + "@mycompany.example",
                        "notificationPreference",
                        "inbox"));
        assertThat(user.status()).as(user.body()).isEqualTo(201);
        long partner = user.json().get("partnerId").asLong();
        ApiClient reader = ApiClient.bearer(
                port,
                api.post("/api/users/" + user.id() + "/api-keys", Map.of("name", "bench"))
                        .json()
                        .get("key")
                        .asString());
        long record = api.post("/api/records", Map.of("model", "crm.lead", "name", login))
                .id();
        execute(db, """
                INSERT INTO messages (record_id, message_type, body, subject, message_id, created_at)
                SELECT ?, 'comment', '<p>Message ' || g || ': a few words, as a comment has.</p>', 'Message ' || g,
                       '<' || ? || '-' || g || '@mycompany.example>', now()
                FROM generate_series(1, ?) g""", record, login, size);
        execute(
                db,
                "INSERT INTO inbox_entries (partner_id, message_id, is_read, starred)"
                        + " SELECT ?, id, id % ? <> 0, FALSE FROM messages WHERE record_id = ?",
                partner,
                size / unread,
                record);
        execute(db, "VACUUM ANALYZE messages");
        execute(db, "VACUUM ANALYZE inbox_entries");
        long halfway = count(
                db,
                "SELECT message_id FROM inbox_entries WHERE partner_id = ? ORDER BY message_id DESC OFFSET ? LIMIT 1",
                partner,
                size / 2);
        return new Reader(size, unread, reader, partner, halfway);
    }

    /**
     * For each inbox: the first page, the page halfway, the first unread page (through the API) and the counter's
     * statement (in the database), in ms. The inboxes are asked in turn, call after call, so that the load of the
     * moment weighs on each alike.
     */
    private static double[][] measure(Connection db, List<Reader> readers) {
        List<ToLongFunction<Reader>> figures = List.of(
                r -> page(r.api(), "/api/inbox?limit=50"),
                r -> page(r.api(), "/api/inbox?limit=50&before=" + r.halfwayId()),
                r -> page(r.api(), "/api/inbox?limit=50&unread=true"),
                r -> version(db, r.partner()));
        double[][] medians = new double[readers.size()][figures.size()];
        for (int f = 0; f < figures.size(); f++) {
            long[][] times = new long[readers.size()][CALLS];
            // half as many calls first, to warm up (the server's JIT, the caches)
            for (int call = -CALLS / 2; call < CALLS; call++) {
                for (int r = 0; r < readers.size(); r++) {
                    long took = figures.get(f).applyAsLong(readers.get(r));
                    if (call >= 0) {
                        times[r][call] = took;
                    }
                }
            }
            for (int r = 0; r < readers.size(); r++) {
                Arrays.sort(times[r]);
                medians[r][f] = times[r][CALLS / 2] / 1e6;
            }
        }
        return medians;
    }

    private static void print(int size, int unread, double[] figures) {
        System.out.printf(
                "| inbox of %d, %d unread: pages of 50 through the API, first / halfway (before=) / first unread,"
                        + " median of %d | %.2f / %.2f / %.2f ms |%n",
                size, unread, CALLS, figures[0], figures[1], figures[2]);
        System.out.printf(
                "| inbox of %d, %d unread: the counter's poll statement, median of %d | %.2f ms |%n",
                size, unread, CALLS, figures[3]);
    }

    private static long page(ApiClient reader, String path) {
        long start = System.nanoTime();
        ApiClient.Response page = reader.get(path);
        long took = System.nanoTime() - start;
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.json().size()).isEqualTo(50);
        return took;
    }

    /** The statement of {@code Inbox.version}, as every poll of the counter runs it. */
    private static long version(Connection db, long partner) {
        long start = System.nanoTime();
        try (PreparedStatement query = db.prepareStatement("""
                SELECT (SELECT MAX(message_id) FROM inbox_entries WHERE partner_id = ?),
                       (SELECT COUNT(*) FROM inbox_entries WHERE partner_id = ? AND is_read = FALSE)""")) {
            query.setLong(1, partner);
            query.setLong(2, partner);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return System.nanoTime() - start;
    }

    private static String runs(List<long[]> runs, int figure) {
        long[] values = runs.stream().mapToLong(r -> r[figure]).toArray();
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        StringBuilder text = new StringBuilder();
        for (long value : values) {
            text.append(text.length() == 0 ? "" : ", ").append(value);
        }
        return text + " (median **" + sorted[sorted.length / 2] + "**)";
    }

    private static void execute(Connection db, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.execute();
        }
    }

    private static long count(Connection db, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
