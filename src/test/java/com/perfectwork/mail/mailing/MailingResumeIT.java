package com.perfectwork.mail.mailing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ClockedApiTest;
import com.perfectwork.mail.MovableClock;
import com.perfectwork.mail.OutgoingFixture;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A mailing whose instance stops half-way through queueing its recipients (a listener of the pages throws after some
 * of them, as a kill would leave it): it stays sending, held by its lease; once the lease lapses, the scheduled action
 * resumes it after the last committed page, and every recipient has exactly one trace and one queued mail. The queue
 * is not run: the mails stay queued, where they can be counted.
 */
@ClockedApiTest
class MailingResumeIT {

    /** Longer than the default queueing lease (2 minutes). */
    static final Duration PAST_THE_LEASE = Duration.ofMinutes(3);

    @LocalServerPort
    int port;

    @Autowired
    MailingSender sender;

    @Autowired
    MovableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcTemplate batch;

    @Autowired
    ConfigurableApplicationContext context;

    ApiClient admin;
    String unique;
    PageKiller killer;
    Long mailing;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        new OutgoingFixture(admin).noServers();
        unique = UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void tearDown() {
        if (killer != null) {
            context.removeApplicationListener(killer);
        }
        // its mails in one statement: the next test's fixture would otherwise cancel them one by one
        if (mailing != null) {
            admin.post("/api/mailings/" + mailing + "/cancel", Map.of());
        }
    }

    @Test
    void aListMailingStoppedAfterTwoPagesIsResumedByTheScheduledActionOnceItsLeaseLapses() {
        long list = admin.post("/api/mailing-lists", Map.of("name", "Resumed " + unique))
                .id();
        String csv = "email,name\n"
                + IntStream.range(0, 2300)
                        .mapToObj(n -> address(n) + ",Reader " + n)
                        .collect(Collectors.joining("\n"));
        assertThat(admin.postRaw("/api/mailing-lists/" + list + "/import", "text/csv", csv)
                        .status())
                .isEqualTo(200);
        // every 15th contact opted out (the last phase of the walk), three blacklisted among the first pages
        jdbc.sql("UPDATE mailing_subscriptions SET opted_out = TRUE WHERE list_id = ? AND contact_id IN"
                        + " (SELECT id FROM mailing_contacts WHERE email LIKE ? AND MOD(id, 15) = 0)")
                .params(list, "%" + unique + "%")
                .update();
        long optedOut = jdbc.sql("SELECT COUNT(*) FROM mailing_subscriptions WHERE list_id = ? AND opted_out")
                .param(list)
                .query(Long.class)
                .single();
        for (int n : new int[] {7, 1500, 2299}) {
            admin.post("/api/blacklist", Map.of("email", address(n), "reason", "asked"));
        }
        long mailing = mailing(Map.of("listIds", List.of(list)));

        stopAfterPages(mailing, 2);

        assertThat(traces(mailing)).as("two pages committed").isEqualTo(2000);
        assertResumedCompletely(mailing, 2300, Map.of("optedOut", optedOut, "blacklisted", 3L));
    }

    @Test
    void aFollowersMailingStoppedInsideARecordIsResumedAfterItsLastFollowerQueued() {
        long first = admin.post("/api/records", Map.of("model", "crm.lead", "name", "Big " + unique))
                .id();
        long second = admin.post("/api/records", Map.of("model", "crm.lead", "name", "Small " + unique))
                .id();
        List<Long> partners = partners(1650);
        follow(first, partners.subList(0, 1200));
        // the second record shares 50 followers with the first (duplicates), and one has no valid address
        follow(second, partners.subList(1150, 1650));
        jdbc.sql("UPDATE partners SET email = 'no address' WHERE id = ?")
                .param(partners.get(1649))
                .update();
        long mailing = mailing(Map.of("model", "crm.lead", "recordIds", List.of(first, second)));

        stopAfterPages(mailing, 1);

        assertThat(traces(mailing))
                .as("one page committed, inside the first record")
                .isEqualTo(1000);
        assertResumedCompletely(mailing, 1700, Map.of("duplicate", 50L, "invalid", 1L));
    }

    /** Sends the mailing, and stops its queueing (as a kill would) once {@code pages} pages are committed. */
    private void stopAfterPages(long mailing, int pages) {
        killer = new PageKiller(mailing, pages);
        context.addApplicationListener(killer);
        assertThatThrownBy(() -> sender.send(mailing)).isInstanceOf(InstanceStopped.class);
        context.removeApplicationListener(killer);
        killer = null;
        JsonNode stopped = admin.get("/api/mailings/" + mailing).json();
        assertThat(stopped.get("state").asString()).isEqualTo("sending");
        assertThat(stopped.get("sentAt").isNull()).isTrue();
    }

    private void assertResumedCompletely(long mailing, long recipients, Map<String, Long> excluded) {
        long before = traces(mailing);
        assertThat(runQueueAction()).as("the lease holds: nothing to resume").doesNotContain("resumed");
        assertThat(traces(mailing)).isEqualTo(before);

        clock.advance(PAST_THE_LEASE);
        assertThat(runQueueAction()).contains("resumed 1");

        JsonNode resumed = admin.get("/api/mailings/" + mailing).json();
        assertThat(resumed.get("sentAt").isNull()).as("queueing finished").isFalse();
        JsonNode progress = resumed.get("progress");
        assertThat(progress.get("total").asLong()).isEqualTo(recipients);
        excluded.forEach((why, count) ->
                assertThat(progress.get("excluded").get(why).asLong()).as(why).isEqualTo(count));
        long reached = recipients
                - excluded.values().stream().mapToLong(Long::longValue).sum();
        assertThat(progress.get("queued").asLong()).isEqualTo(reached);
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT unique_email) FROM mailing_traces WHERE mailing_id = ?"
                                + " AND state = 'queued'")
                        .param(mailing)
                        .query(Long.class)
                        .single())
                .as("one trace per recipient reached")
                .isEqualTo(reached);
        List<Long> mails = jdbc.sql("SELECT COUNT(*), COUNT(DISTINCT o.recipient_normalized) FROM outgoing_mails o"
                        + " JOIN mailings m ON m.bulk_message_id = o.bulk_message_id WHERE m.id = ?")
                .param(mailing)
                .query((rs, row) -> List.of(rs.getLong(1), rs.getLong(2)))
                .single();
        assertThat(mails).as("one queued mail per recipient reached").containsExactly(reached, reached);
    }

    private String runQueueAction() {
        long action = admin.get("/api/scheduled-actions")
                .json()
                .valueStream()
                .filter(a -> a.get("code").asString().equals("mass_mailing_queue"))
                .findFirst()
                .orElseThrow()
                .get("id")
                .asLong();
        JsonNode ran = admin.post("/api/scheduled-actions/" + action + "/run", Map.of())
                .json();
        assertThat(ran.get("lastRunStatus").asString()).as(ran.toString()).isEqualTo("ok");
        return ran.get("lastRunDetail").asString();
    }

    private long mailing(Map<String, Object> recipients) {
        ApiClient.Response created = admin.post(
                "/api/mailings",
                Map.of(
                        "subject",
                        "Resumed " + unique,
                        "body",
                        "<p>News</p>",
                        "emailFrom",
                        "news@mycompany.example",
                        "recipients",
                        recipients));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        mailing = created.id();
        return mailing;
    }

    private long traces(long mailing) {
        return jdbc.sql("SELECT COUNT(*) FROM mailing_traces WHERE mailing_id = ?")
                .param(mailing)
                .query(Long.class)
                .single();
    }

    private String address(int n) {
        return "reader" + n + "." + unique + "@customer.example";
    }

    /** Partners with unique addresses, by id. */
    private List<Long> partners(int count) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        batch.batchUpdate(
                "INSERT INTO partners (name, email, email_normalized, created_at) VALUES (?, ?, ?, ?)",
                IntStream.range(0, count).boxed().toList(),
                500,
                (statement, n) -> {
                    statement.setString(1, "Follower " + n);
                    statement.setString(2, address(n));
                    statement.setString(3, address(n));
                    statement.setObject(4, now);
                });
        return jdbc.sql("SELECT id FROM partners WHERE email LIKE ? ORDER BY id")
                .param("%." + unique + "@%")
                .query(Long.class)
                .list();
    }

    private void follow(long record, List<Long> partners) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        batch.batchUpdate(
                "INSERT INTO followers (record_id, partner_id, created_at) VALUES (?, ?, ?)",
                partners,
                500,
                (statement, partner) -> {
                    statement.setLong(1, record);
                    statement.setLong(2, partner);
                    statement.setObject(3, now);
                });
    }

    /** What the instance's stop looks like to the sender: its thread ends half-way. */
    static final class InstanceStopped extends RuntimeException {
        InstanceStopped() {
            super("the instance stopped");
        }
    }

    /** Stops the mailing's queueing once so many of its pages are committed. */
    static final class PageKiller implements ApplicationListener<ApplicationEvent> {
        private final long mailing;
        private int pagesLeft;

        PageKiller(long mailing, int pages) {
            this.mailing = mailing;
            this.pagesLeft = pages;
        }

        @Override
        public void onApplicationEvent(ApplicationEvent event) {
            if (event instanceof PayloadApplicationEvent<?> payload
                    && payload.getPayload() instanceof MailingPageQueued page
                    && page.mailingId() == mailing
                    && --pagesLeft == 0) {
                throw new InstanceStopped();
            }
        }
    }
}
