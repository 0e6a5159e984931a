package com.perfectwork.mail.outgoing;

import com.perfectwork.mail.core.SearchText;
import com.perfectwork.mail.discussion.PendingNotification;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The queue table. Mails are claimed by setting a claim token and a lease on them: on PostgreSQL the
 * candidate rows are picked with {@code FOR UPDATE SKIP LOCKED}, so several instances claim disjoint
 * batches without waiting on each other; a claim whose runner died expires with its lease.
 */
@Component
class OutgoingMails {

    static final String COLUMNS = """
            id, notification_id, chatter_message_id, recipient_partner_id, email_to, email_from, subject, message_id_header,
            mass_mailing, state, scheduled_at, attempts, first_attempt_at, failure_type, failure_reason, mail_server_id,
            envelope_from, smtp_reply, server_rule, sent_at, created_at, raw_hash, bulk_message_id, bulk_token""";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final boolean skipLocked;

    OutgoingMails(JdbcClient jdbc, JdbcTemplate batch, DataSource dataSource) throws Exception {
        this.jdbc = jdbc;
        this.batch = batch;
        String product = JdbcUtils.extractDatabaseMetaData(dataSource, meta -> meta.getDatabaseProductName());
        this.skipLocked = product.toLowerCase().contains("postgres");
    }

    /** One outgoing row per notification; a notification already queued is not queued again. */
    void enqueue(List<PendingNotification> notifications, String messageIdHeader, String subject, Instant now) {
        batch.batchUpdate("""
                        INSERT INTO outgoing_mails (notification_id, chatter_message_id, recipient_partner_id, email_to,
                            message_id_header, subject, mass_mailing, state, scheduled_at, attempts, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, FALSE, 'outgoing', ?, 0, ?)
                        ON CONFLICT DO NOTHING""", notifications, 500, (ps, n) -> {
            ps.setLong(1, n.notificationId());
            ps.setLong(2, n.messageId());
            ps.setLong(3, n.partnerId());
            ps.setString(4, n.email());
            ps.setString(5, messageIdHeader);
            ps.setString(6, truncate(subject, 1024));
            ps.setObject(7, utc(now));
            ps.setObject(8, utc(now));
        });
    }

    /** Queues an answer to a sender, composed whole and kept in the filestore; its id. */
    long enqueueAnswer(
            String emailTo,
            String recipientNormalized,
            String emailFrom,
            String subject,
            String messageIdHeader,
            String rawHash,
            Instant now) {
        org.springframework.jdbc.support.KeyHolder key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO outgoing_mails (email_to, recipient_normalized, email_from, subject, message_id_header,
                            raw_hash, mass_mailing, state, scheduled_at, attempts, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, FALSE, 'outgoing', ?, 0, ?)""")
                .params(
                        truncate(emailTo, 1024),
                        truncate(recipientNormalized, 320),
                        truncate(emailFrom, 1024),
                        truncate(subject, 1024),
                        messageIdHeader,
                        rawHash,
                        utc(now),
                        utc(now))
                .update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    /** How many answers went (or wait to go) to this normalized address since then. */
    int answeredSince(String recipientNormalized, Instant since) {
        return jdbc.sql("SELECT COUNT(*) FROM outgoing_mails WHERE recipient_normalized = ? AND created_at >= ?")
                .params(recipientNormalized, utc(since))
                .query(Integer.class)
                .single();
    }

    /**
     * Claims up to {@code limit} due mails, transactional ones first, oldest first, and at most {@code massLimit} mass
     * mails: a claim is sent whole before the next one is made, and a long batch of mass mails to a slow server must
     * not hold back a comment posted meanwhile (it goes with the next claim). Picks them in the order of the claim
     * index (reading its first rows only), marks them, and reads them back by id. On PostgreSQL the picked rows
     * are locked and skipped by concurrent runners ({@code FOR UPDATE SKIP LOCKED}), so several instances claim
     * disjoint batches without waiting on each other; on H2 (one instance per database file) the mark is
     * conditional, so that two runner threads never claim the same mail.
     */
    @Transactional
    List<OutgoingMail> claim(String token, Instant now, Duration lease, int limit, int massLimit) {
        List<Long> ids = new java.util.ArrayList<>(due(false, now, limit));
        if (ids.size() < limit) {
            ids.addAll(due(true, now, Math.min(limit - ids.size(), Math.max(1, massLimit))));
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        jdbc.sql("UPDATE outgoing_mails SET claimed_by = :token, claimed_until = :until WHERE id IN (:ids)"
                        + " AND state = 'outgoing' AND (claimed_until IS NULL OR claimed_until < :now)")
                .param("token", token)
                .param("until", utc(now.plus(lease)))
                .param("now", utc(now))
                .param("ids", ids)
                .update();
        return jdbc.sql("SELECT " + COLUMNS + " FROM outgoing_mails WHERE id IN (:ids) AND claimed_by = :token"
                        + " AND state = 'outgoing' ORDER BY id")
                .param("ids", ids)
                .param("token", token)
                .query(OutgoingMails::map)
                .list();
    }

    private List<Long> due(boolean massMailing, Instant now, int limit) {
        return jdbc.sql("""
                        SELECT id FROM outgoing_mails
                        WHERE state = 'outgoing' AND mass_mailing = :mass AND scheduled_at <= :now
                          AND (claimed_until IS NULL OR claimed_until < :now)
                        ORDER BY scheduled_at, id
                        FETCH FIRST :limit ROWS ONLY""" + (skipLocked ? " FOR UPDATE SKIP LOCKED" : ""))
                .param("mass", massMailing)
                .param("now", utc(now))
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    /**
     * Keeps a claim alive on the given mails while their runner is still working through them: one statement for
     * the whole claim, committed on its own (no lock held beyond it). Returns how many of them the claim still
     * held: fewer than asked means some were taken over by another runner (the claim had lapsed), canceled or
     * put back in the queue meanwhile.
     */
    int extend(String token, Collection<Long> ids, Instant until) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("UPDATE outgoing_mails SET claimed_until = :until WHERE claimed_by = :token AND id IN (:ids)")
                .param("until", utc(until))
                .param("token", token)
                .param("ids", ids)
                .update();
    }

    /** Ends the claim on these of its mails, not sent: they are due again for any runner. */
    int release(String token, Collection<Long> ids) {
        return jdbc.sql("UPDATE outgoing_mails SET claimed_by = NULL, claimed_until = NULL"
                        + " WHERE claimed_by = :token AND id IN (:ids) AND state = 'outgoing'")
                .param("token", token)
                .param("ids", ids)
                .update();
    }

    /** Which of these mails the claim still holds. */
    Set<Long> stillClaimed(String token, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("SELECT id FROM outgoing_mails WHERE claimed_by = :token AND id IN (:ids)")
                .param("token", token)
                .param("ids", ids)
                .query(Long.class)
                .list());
    }

    /**
     * Writes the outcomes of claimed mails, as their transitions left them, in one batch, and lets go of their claim.
     * Unconditional: the claim is what makes the mails this runner's ({@link ClaimLease}).
     */
    void save(List<OutgoingMail> outcomes) {
        batch.batchUpdate("""
                        UPDATE outgoing_mails SET state = ?, scheduled_at = ?, attempts = ?, first_attempt_at = ?,
                            failure_type = ?, failure_reason = ?, mail_server_id = ?, email_from = ?, envelope_from = ?,
                            smtp_reply = ?, server_rule = ?, sent_at = ?, smtp_transcript = ?, claimed_by = NULL,
                            claimed_until = NULL
                        WHERE id = ?""", outcomes, 500, (ps, mail) -> {
            ps.setString(1, mail.state().code());
            ps.setObject(2, utc(mail.scheduledAt()));
            ps.setInt(3, mail.attempts());
            ps.setObject(4, utc(mail.firstAttemptAt()));
            ps.setString(5, mail.failureType());
            ps.setString(6, truncate(mail.failureReason(), 4000));
            ps.setObject(7, mail.mailServerId());
            ps.setString(8, truncate(mail.emailFrom(), 1024));
            ps.setString(9, truncate(mail.envelopeFrom(), 1024));
            ps.setString(10, truncate(mail.smtpReply(), 2000));
            ps.setString(11, truncate(mail.serverRule(), 255));
            ps.setObject(12, utc(mail.sentAt()));
            ps.setString(13, mail.transcript());
            ps.setLong(14, mail.id());
        });
    }

    /**
     * Writes a transition of a mail no claim holds (an administrator's retry or cancel, a bounce) if the mail is
     * still in the state it was read in; false when something changed it meanwhile. Its last transcript stays.
     */
    boolean save(OutgoingMail mail, MailState readIn) {
        return jdbc.sql("""
                        UPDATE outgoing_mails SET state = :state, scheduled_at = :due, attempts = :attempts,
                            first_attempt_at = :first, failure_type = :type, failure_reason = :reason,
                            claimed_by = NULL, claimed_until = NULL
                        WHERE id = :id AND state = :readIn""")
                        .param("state", mail.state().code())
                        .param("due", utc(mail.scheduledAt()))
                        .param("attempts", mail.attempts())
                        .param("first", utc(mail.firstAttemptAt()))
                        .param("type", mail.failureType())
                        .param("reason", truncate(mail.failureReason(), 4000))
                        .param("id", mail.id())
                        .param("readIn", readIn.code())
                        .update()
                == 1;
    }

    /** The SMTP conversation of the mail's last attempt, when that attempt did not deliver it. */
    Optional<String> transcript(long id) {
        return jdbc
                .sql("SELECT smtp_transcript FROM outgoing_mails WHERE id = ?")
                .param(id)
                .query((rs, n) -> rs.getString(1))
                .list()
                .stream()
                .filter(java.util.Objects::nonNull)
                .findFirst();
    }

    Optional<OutgoingMail> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM outgoing_mails WHERE id = ?")
                .param(id)
                .query(OutgoingMails::map)
                .optional();
    }

    /**
     * A page of mails, the latest first, in {@code state} (null: any) whose recipient or subject holds
     * {@code search} in any case, taken literally (its % and _ are no wildcards).
     */
    List<OutgoingMail> search(MailState state, String search, int offset, int limit) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>(Map.of("offset", offset, "limit", limit));
        if (state != null) {
            where.append(" AND state = :state");
            params.put("state", state.code());
        }
        SearchText text = new SearchText(search);
        if (!text.isEmpty()) {
            where.append(" AND (LOWER(email_to) LIKE :pattern" + SearchText.ESCAPE + " OR LOWER(subject) LIKE :pattern"
                    + SearchText.ESCAPE + ")");
            params.put("pattern", text.likePattern());
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM outgoing_mails" + where
                        + " ORDER BY id DESC OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY")
                .params(params)
                .query(OutgoingMails::map)
                .list();
    }

    /** The mails of a chatter message, one per recipient. */
    List<OutgoingMail> ofChatterMessage(long chatterMessageId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM outgoing_mails WHERE chatter_message_id = ? ORDER BY id")
                .param(chatterMessageId)
                .query(OutgoingMails::map)
                .list();
    }

    /**
     * Makes the mails waiting for a server to be fixed due now: their reason ends with {@code reason} (it names the
     * server before it).
     */
    void releaseWaitingFor(String reason, Instant now) {
        jdbc.sql("UPDATE outgoing_mails SET scheduled_at = ? WHERE state = 'outgoing' AND failure_reason LIKE ?")
                .params(utc(now), "%" + reason)
                .update();
    }

    /** Makes the mails waiting for a reason that starts with {@code prefix} due now. */
    void releaseWaitingStarting(String prefix, Instant now) {
        jdbc.sql("UPDATE outgoing_mails SET scheduled_at = ? WHERE state = 'outgoing' AND failure_reason LIKE ?")
                .params(utc(now), prefix + "%")
                .update();
    }

    /** Makes mails that wait for {@code reason} due now. */
    void releaseWaiting(String reason, Instant now) {
        jdbc.sql(
                        "UPDATE outgoing_mails SET scheduled_at = ? WHERE state = 'outgoing' AND attempts = 0 AND failure_reason = ?")
                .params(utc(now), reason)
                .update();
    }

    /**
     * When the next waiting mail can be claimed: when it is due, or, for a mail another runner holds, when that
     * claim lapses. A runner that died (another instance killed mid-batch) leaves its claims behind, and the
     * runners still alive take them over as soon as they lapse, not at the scheduled action's next call.
     */
    Optional<Instant> nextDue() {
        return jdbc.sql("""
                        SELECT MIN(CASE WHEN claimed_until > scheduled_at THEN claimed_until ELSE scheduled_at END)
                        FROM outgoing_mails WHERE state = 'outgoing'""")
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class))
                .optional()
                .map(OffsetDateTime::toInstant);
    }

    long depth() {
        return jdbc.sql("SELECT COUNT(*) FROM outgoing_mails WHERE state = 'outgoing'")
                .query(Long.class)
                .single();
    }

    Optional<Instant> oldestQueued() {
        return jdbc.sql("SELECT MIN(created_at) FROM outgoing_mails WHERE state = 'outgoing'")
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class))
                .optional()
                .map(OffsetDateTime::toInstant);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    static OutgoingMail map(ResultSet rs, int row) throws SQLException {
        return new OutgoingMail(
                rs.getLong("id"),
                nullableLong(rs, "notification_id"),
                nullableLong(rs, "chatter_message_id"),
                nullableLong(rs, "recipient_partner_id"),
                rs.getString("email_to"),
                rs.getString("email_from"),
                rs.getString("subject"),
                rs.getString("message_id_header"),
                rs.getBoolean("mass_mailing"),
                MailState.of(rs.getString("state")),
                instant(rs, "scheduled_at"),
                rs.getInt("attempts"),
                instant(rs, "first_attempt_at"),
                rs.getString("failure_type"),
                rs.getString("failure_reason"),
                nullableLong(rs, "mail_server_id"),
                rs.getString("envelope_from"),
                rs.getString("smtp_reply"),
                rs.getString("server_rule"),
                instant(rs, "sent_at"),
                instant(rs, "created_at"),
                rs.getString("raw_hash"),
                nullableLong(rs, "bulk_message_id"),
                rs.getString("bulk_token"),
                null);
    }
}
