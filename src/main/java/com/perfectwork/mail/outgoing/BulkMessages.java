package com.perfectwork.mail.outgoing;

import com.perfectwork.mail.core.EmailAddress;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/**
 * The bulk messages (templates of mass mails) and their mails in the queue. A bulk message never changes once
 * stored, so its prepared template is kept in memory (the most recent ones) and read once per instance.
 */
@Component
class BulkMessages {

    /** Prepared templates kept: mailings sent at once are few. */
    private static final int CACHED = 32;

    /** A mail of a bulk message, as the queue holds it: its id, recipient's token and state. */
    record QueuedBulkMail(long id, long bulkMessageId, String token) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final Map<Long, BulkTemplate> templates = new ConcurrentHashMap<>();

    BulkMessages(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    long insert(BulkMessage message, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO bulk_messages (subject, html_body, text_body, email_from, reply_to, mail_server_id,
                            list_unsubscribe_url, list_unsubscribe_mailto, headers, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        message.subject(),
                        message.htmlBody(),
                        message.textBody(),
                        message.emailFrom(),
                        message.replyTo(),
                        message.mailServerId(),
                        message.listUnsubscribeUrl(),
                        message.listUnsubscribeMailto(),
                        headers(message.headers()),
                        OutgoingMails.utc(now))
                .update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    Optional<BulkMessage> find(long id) {
        return jdbc.sql("SELECT * FROM bulk_messages WHERE id = ?")
                .param(id)
                .query(BulkMessages::map)
                .optional();
    }

    /** The prepared templates of these bulk messages; one that no longer exists is missing. */
    Map<Long, BulkTemplate> templates(Collection<Long> ids) {
        Map<Long, BulkTemplate> found = new HashMap<>();
        List<Long> missing =
                ids.stream().distinct().filter(id -> !templates.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            jdbc.sql("SELECT * FROM bulk_messages WHERE id IN (:ids)")
                    .param("ids", missing)
                    .query((rs, n) -> new BulkTemplate(rs.getLong("id"), map(rs, n)))
                    .list()
                    .forEach(template -> {
                        if (templates.size() >= CACHED) {
                            templates.clear();
                        }
                        templates.put(template.id(), template);
                    });
        }
        ids.forEach(id -> {
            BulkTemplate template = templates.get(id);
            if (template != null) {
                found.put(id, template);
            }
        });
        return found;
    }

    /** One queue row per recipient, in batches, in the caller's transaction. */
    void enqueue(long bulkMessageId, BulkMessage message, List<QueuedRecipient> recipients, Instant at, Instant now) {
        batch.batchUpdate("""
                        INSERT INTO outgoing_mails (email_to, recipient_normalized, email_from, subject, message_id_header,
                            bulk_message_id, bulk_token, mass_mailing, state, scheduled_at, attempts, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, TRUE, 'outgoing', ?, 0, ?)""", recipients, 1000, (ps, r) -> {
            ps.setString(1, truncate(r.emailTo(), 1024));
            ps.setString(2, truncate(r.normalized(), 320));
            ps.setString(3, truncate(message.emailFrom(), 1024));
            ps.setString(4, truncate(MailHeaders.oneLine(message.subject()), 1024));
            ps.setString(5, r.messageId());
            ps.setLong(6, bulkMessageId);
            ps.setString(7, r.token());
            ps.setObject(8, OutgoingMails.utc(at));
            ps.setObject(9, OutgoingMails.utc(now));
        });
    }

    /** Queues one mail of the template as transactional mail (a test); its id. */
    long enqueueTest(long bulkMessageId, BulkMessage message, QueuedRecipient recipient, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO outgoing_mails (email_to, recipient_normalized, email_from, subject, message_id_header,
                            bulk_message_id, bulk_token, mass_mailing, state, scheduled_at, attempts, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, FALSE, 'outgoing', ?, 0, ?)""")
                .params(
                        truncate(recipient.emailTo(), 1024),
                        truncate(recipient.normalized(), 320),
                        truncate(message.emailFrom(), 1024),
                        truncate(MailHeaders.oneLine(message.subject()), 1024),
                        recipient.messageId(),
                        bulkMessageId,
                        recipient.token(),
                        OutgoingMails.utc(now),
                        OutgoingMails.utc(now))
                .update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    /** A recipient as its queue row holds it. */
    record QueuedRecipient(String emailTo, String normalized, String token, String messageId) {}

    /** The mails of a bulk message not yet sent (waiting, retrying or failed), to cancel. */
    List<QueuedBulkMail> cancelable(long bulkMessageId) {
        return jdbc.sql("SELECT id, bulk_message_id, bulk_token FROM outgoing_mails WHERE bulk_message_id = ?"
                        + " AND mass_mailing = TRUE AND state IN ('outgoing', 'exception')")
                .param(bulkMessageId)
                .query(BulkMessages::queued)
                .list();
    }

    /** The mass mails to this normalized address not yet sent. */
    List<QueuedBulkMail> cancelableTo(String normalized) {
        return jdbc.sql(
                        "SELECT id, bulk_message_id, bulk_token FROM outgoing_mails WHERE recipient_normalized = ?"
                                + " AND state IN ('outgoing', 'exception') AND bulk_message_id IS NOT NULL AND mass_mailing = TRUE")
                .param(normalized)
                .query(BulkMessages::queued)
                .list();
    }

    /**
     * Cancels those of these mails still not sent, in the caller's transaction; returns them (a mail sent meanwhile
     * is not).
     */
    List<QueuedBulkMail> cancel(List<QueuedBulkMail> mails, String reason) {
        List<QueuedBulkMail> canceled = new java.util.ArrayList<>();
        for (int from = 0; from < mails.size(); from += 1000) {
            List<QueuedBulkMail> chunk = mails.subList(from, Math.min(mails.size(), from + 1000));
            List<Long> ids = chunk.stream().map(QueuedBulkMail::id).toList();
            jdbc.sql("""
                            UPDATE outgoing_mails SET state = 'cancel', failure_type = NULL, failure_reason = :reason,
                                claimed_by = NULL, claimed_until = NULL
                            WHERE id IN (:ids) AND state IN ('outgoing', 'exception')""").param("reason", reason).param("ids", ids).update();
            java.util.Set<Long> now = java.util.Set.copyOf(jdbc.sql(
                            "SELECT id FROM outgoing_mails WHERE id IN (:ids) AND state = 'cancel' AND failure_reason = :reason")
                    .param("ids", ids)
                    .param("reason", reason)
                    .query(Long.class)
                    .list());
            chunk.stream().filter(mail -> now.contains(mail.id())).forEach(canceled::add);
        }
        return canceled;
    }

    /**
     * Makes the due mass mails of these bulk messages that no claim holds wait until {@code until}, with the reason:
     * one statement for a whole backlog that cannot go now (its server is over its rate, its dedicated server is
     * inactive). Returns how many.
     */
    int park(Collection<Long> bulkMessageIds, Instant until, String reason, Instant now) {
        if (bulkMessageIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        UPDATE outgoing_mails SET scheduled_at = :until, failure_reason = :reason
                        WHERE bulk_message_id IN (:ids) AND mass_mailing = TRUE AND state = 'outgoing'
                          AND scheduled_at < :until AND (claimed_until IS NULL OR claimed_until < :now)""")
                .param("until", OutgoingMails.utc(until))
                .param("reason", reason)
                .param("ids", bulkMessageIds)
                .param("now", OutgoingMails.utc(now))
                .update();
    }

    BulkProgress progress(long bulkMessageId) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("SELECT state, COUNT(*) FROM outgoing_mails WHERE bulk_message_id = ? AND mass_mailing = TRUE"
                        + " GROUP BY state")
                .param(bulkMessageId)
                .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2)))
                .list();
        return new BulkProgress(
                counts.getOrDefault("outgoing", 0L),
                counts.getOrDefault("sent", 0L),
                counts.getOrDefault("exception", 0L),
                counts.getOrDefault("bounce", 0L),
                counts.getOrDefault("cancel", 0L));
    }

    private static QueuedBulkMail queued(ResultSet rs, int row) throws SQLException {
        return new QueuedBulkMail(rs.getLong(1), rs.getLong(2), rs.getString(3));
    }

    static String normalized(String email) {
        return EmailAddress.tryParse(email)
                .map(EmailAddress::normalized)
                .orElse(email == null ? null : email.strip().toLowerCase(java.util.Locale.ROOT));
    }

    /** Headers as lines {@code Name: value}; their values on one line each. */
    private static String headers(Map<String, String> headers) {
        if (headers == null || headers.isEmpty()) {
            return null;
        }
        StringBuilder lines = new StringBuilder();
        headers.forEach((name, value) -> lines.append(name.strip())
                .append(": ")
                .append(MailHeaders.oneLine(value))
                .append('\n'));
        return lines.toString();
    }

    private static Map<String, String> headers(String lines) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (lines != null) {
            for (String line : lines.split("\n")) {
                int colon = line.indexOf(": ");
                if (colon > 0) {
                    headers.put(line.substring(0, colon), line.substring(colon + 2));
                }
            }
        }
        return headers;
    }

    private static BulkMessage map(ResultSet rs, int row) throws SQLException {
        long serverId = rs.getLong("mail_server_id");
        Long server = rs.wasNull() ? null : serverId;
        return new BulkMessage(
                rs.getString("subject"),
                rs.getString("html_body"),
                rs.getString("text_body"),
                rs.getString("email_from"),
                rs.getString("reply_to"),
                server,
                rs.getString("list_unsubscribe_url"),
                rs.getString("list_unsubscribe_mailto"),
                headers(rs.getString("headers")));
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
