package com.perfectwork.mail.mailing;

import static com.perfectwork.mail.mailing.Mailings.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The traces of mailings: one per recipient, written in batches, counted for the progress and the statistics. */
@Component
public class MailingTraces {

    /** A recipient about to get a trace: {@code exclusion} null for one the mailing reaches. */
    record NewTrace(String email, String normalized, String name, Long contactId, String exclusion) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final Clock clock;

    MailingTraces(JdbcClient jdbc, JdbcTemplate batch, Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.clock = clock;
    }

    void insert(long mailingId, List<NewTrace> traces) {
        OffsetDateTime now = utc(clock.instant());
        batch.batchUpdate(
                "INSERT INTO mailing_traces (mailing_id, email, email_normalized, contact_id, state, exclusion,"
                        + " created_at, unique_email) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                traces,
                500,
                (statement, trace) -> {
                    statement.setLong(1, mailingId);
                    statement.setString(2, truncate(trace.email(), 320));
                    statement.setString(3, trace.normalized());
                    statement.setObject(4, trace.contactId());
                    statement.setString(5, trace.exclusion() == null ? "queued" : "excluded");
                    statement.setString(6, trace.exclusion());
                    statement.setObject(7, now);
                    statement.setString(8, "duplicate".equals(trace.exclusion()) ? null : trace.normalized());
                });
    }

    /** The last trace id of the mailing, 0 when it has none. */
    long lastId(long mailingId) {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM mailing_traces WHERE mailing_id = ?")
                .param(mailingId)
                .query(Long.class)
                .single();
    }

    /** The normalized addresses the mailing has traced, duplicates aside: what a resumed walk has seen. */
    Set<String> tracedAddresses(long mailingId) {
        return new HashSet<>(jdbc.sql("SELECT unique_email FROM mailing_traces WHERE mailing_id = ?"
                        + " AND unique_email IS NOT NULL")
                .param(mailingId)
                .query(String.class)
                .list());
    }

    /** The queued traces of the mailing above an id, by id: id and normalized address. */
    Map<Long, String> queuedAfter(long mailingId, long afterId, int limit) {
        Map<Long, String> queued = new java.util.LinkedHashMap<>();
        jdbc.sql("SELECT id, email_normalized FROM mailing_traces WHERE mailing_id = ? AND state = 'queued' AND id > ?"
                        + " ORDER BY id FETCH NEXT ? ROWS ONLY")
                .params(mailingId, afterId, limit)
                .query(rs -> {
                    queued.put(rs.getLong(1), rs.getString(2));
                });
        return queued;
    }

    long count(long mailingId) {
        return jdbc.sql("SELECT COUNT(*) FROM mailing_traces WHERE mailing_id = ?")
                .param(mailingId)
                .query(Long.class)
                .single();
    }

    /** The queue's outcome for one trace: {@code state} sent, failed, bounced or canceled. */
    record Outcome(long traceId, String state, String reason, Instant at) {}

    /**
     * Writes the queue's outcomes to the traces still waiting for one (or sent, for a later bounce), in one batch; the
     * outcomes that changed their trace.
     */
    List<Outcome> apply(List<Outcome> outcomes) {
        int[][] counts = batch.batchUpdate(
                "UPDATE mailing_traces SET state = ?, failure_reason = ?, sent_at = COALESCE(sent_at, ?)"
                        + " WHERE id = ? AND state IN ('queued', 'sent')",
                outcomes,
                outcomes.size(),
                (statement, outcome) -> {
                    statement.setString(1, outcome.state());
                    statement.setString(2, truncate(outcome.reason(), 1000));
                    statement.setObject(3, "sent".equals(outcome.state()) ? utc(outcome.at()) : null);
                    statement.setLong(4, outcome.traceId());
                });
        List<Outcome> changed = new ArrayList<>();
        int index = 0;
        for (int[] chunk : counts) {
            for (int count : chunk) {
                // a driver may answer SUCCESS_NO_INFO (-2) for a batched statement: count it as changed
                if (count != 0) {
                    changed.add(outcomes.get(index));
                }
                index++;
            }
        }
        return changed;
    }

    /** The mailings these traces belong to, in id order. */
    List<Long> mailingsOf(Collection<Long> traceIds) {
        return jdbc.sql("SELECT DISTINCT mailing_id FROM mailing_traces WHERE id IN (:ids) ORDER BY mailing_id")
                .param("ids", List.copyOf(traceIds))
                .query(Long.class)
                .list();
    }

    /** The addresses of these traces. */
    List<String> emailsOf(Collection<Long> traceIds) {
        return jdbc.sql("SELECT email FROM mailing_traces WHERE id IN (:ids)")
                .param("ids", List.copyOf(traceIds))
                .query(String.class)
                .list();
    }

    int cancelQueued(long mailingId) {
        return jdbc.sql("UPDATE mailing_traces SET state = 'canceled', failure_reason = 'canceled'"
                        + " WHERE mailing_id = ? AND state = 'queued'")
                .param(mailingId)
                .update();
    }

    public Optional<MailingTrace> find(long id) {
        return jdbc.sql("SELECT * FROM mailing_traces WHERE id = ?")
                .param(id)
                .query(MailingTraces::map)
                .optional();
    }

    /** A page of the mailing's traces by id; {@code state} optional. */
    public List<MailingTrace> list(long mailingId, String state, int offset, int limit) {
        Map<String, Object> params = new HashMap<>(Map.of("mailing", mailingId, "offset", offset, "limit", limit));
        String where = " WHERE mailing_id = :mailing";
        if (state != null && !state.isBlank()) {
            where += " AND state = :state";
            params.put("state", state);
        }
        return jdbc.sql("SELECT * FROM mailing_traces" + where + " ORDER BY id OFFSET :offset ROWS FETCH NEXT :limit"
                        + " ROWS ONLY")
                .params(params)
                .query(MailingTraces::map)
                .list();
    }

    /** Counts by state, and by exclusion for the excluded ones ({@code excluded:<kind>}). */
    Map<String, Long> counts(long mailingId) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("SELECT state, exclusion, COUNT(*) FROM mailing_traces WHERE mailing_id = ? GROUP BY state, exclusion")
                .param(mailingId)
                .query(rs -> {
                    String key = rs.getString(2) == null ? rs.getString(1) : "excluded:" + rs.getString(2);
                    counts.merge(key, rs.getLong(3), Long::sum);
                });
        return counts;
    }

    /** How many traces opened, clicked, replied and unsubscribed. */
    long[] actions(long mailingId) {
        return jdbc.sql("SELECT COUNT(opened_at), COUNT(clicked_at), COUNT(replied_at), COUNT(unsubscribed_at)"
                        + " FROM mailing_traces WHERE mailing_id = ?")
                .param(mailingId)
                .query((rs, row) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)})
                .single();
    }

    /** The instants of one column of the mailing's traces (sent_at, opened_at, clicked_at), for the series. */
    List<Instant> instants(long mailingId, String column) {
        if (!List.of("sent_at", "opened_at", "clicked_at", "unsubscribed_at").contains(column)) {
            throw new IllegalArgumentException(column);
        }
        return jdbc.sql("SELECT " + column + " FROM mailing_traces WHERE mailing_id = ? AND " + column + " IS NOT NULL")
                .param(mailingId)
                .query((rs, row) -> rs.getObject(1, OffsetDateTime.class).toInstant())
                .list();
    }

    /** The first open (a click counts as an open too); whether it is the first. */
    boolean opened(long traceId) {
        return jdbc.sql("UPDATE mailing_traces SET opened_at = ? WHERE id = ? AND opened_at IS NULL")
                        .params(utc(clock.instant()), traceId)
                        .update()
                > 0;
    }

    boolean clicked(long traceId) {
        opened(traceId);
        return jdbc.sql("UPDATE mailing_traces SET clicked_at = ? WHERE id = ? AND clicked_at IS NULL")
                        .params(utc(clock.instant()), traceId)
                        .update()
                > 0;
    }

    /** The first reply counts; whether it is the first. */
    boolean replied(long traceId) {
        return jdbc.sql("UPDATE mailing_traces SET replied_at = ? WHERE id = ? AND replied_at IS NULL")
                        .params(utc(clock.instant()), traceId)
                        .update()
                > 0;
    }

    boolean unsubscribed(long traceId) {
        return jdbc.sql("UPDATE mailing_traces SET unsubscribed_at = ? WHERE id = ? AND unsubscribed_at IS NULL")
                        .params(utc(clock.instant()), traceId)
                        .update()
                > 0;
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static MailingTrace map(ResultSet rs, int row) throws SQLException {
        long contact = rs.getLong("contact_id");
        Long contactId = rs.wasNull() ? null : contact;
        return new MailingTrace(
                rs.getLong("id"),
                rs.getLong("mailing_id"),
                rs.getString("email"),
                contactId,
                rs.getString("state"),
                rs.getString("exclusion"),
                rs.getString("failure_reason"),
                instant(rs, "sent_at"),
                instant(rs, "opened_at"),
                instant(rs, "clicked_at"),
                instant(rs, "replied_at"),
                instant(rs, "unsubscribed_at"));
    }
}
