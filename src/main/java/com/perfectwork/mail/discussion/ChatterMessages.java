package com.perfectwork.mail.discussion;

import com.perfectwork.mail.core.MessageId;
import com.perfectwork.mail.directory.Partner;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/** The messages and notifications tables. A thread is read in three queries, whatever its length. */
@Component
class ChatterMessages {

    /**
     * A recipient who is an active user with the inbox preference is notified in the inbox: the notification is
     * delivered as it is stored ({@code sent}, whether or not the partner has an email), so the queue, which mails
     * only {@code ready} ones, never mails it. The users table is read here, in the one statement that fans out to
     * every follower, as the partners table is: a look-up per follower through the directory would not scale.
     */
    private static final String INBOX_USER = """
            EXISTS (SELECT 1 FROM users u
                    WHERE u.partner_id = p.id AND u.active = TRUE AND u.notification_preference = 'inbox')""";

    private static final String INSERT_NOTIFICATIONS = """
            INSERT INTO notifications (message_id, partner_id, email, channel, status, failure_type)
            SELECT :message, p.id, p.email,
                   CASE WHEN %1$s THEN 'inbox' ELSE 'email' END,
                   CASE WHEN %1$s THEN 'sent' WHEN p.email_normalized IS NULL THEN 'exception' ELSE 'ready' END,
                   CASE WHEN %1$s THEN NULL WHEN p.email_normalized IS NULL THEN 'mail_email_missing' END
            """.formatted(INBOX_USER);

    private final JdbcClient jdbc;
    private final Attachments attachments;

    ChatterMessages(JdbcClient jdbc, Attachments attachments) {
        this.jdbc = jdbc;
        this.attachments = attachments;
    }

    /**
     * The parent of a new message is the first message of its thread, so that mail clients keep one conversation per
     * record. It is found by the insert itself, in the order of the index on (record_id, id): a separate
     * {@code MIN(id)} was a round trip more, and a plan cached while the table was small scanned a long thread whole.
     */
    private static final String PARENT =
            "(SELECT id FROM messages WHERE record_id = ? ORDER BY record_id, id FETCH FIRST 1 ROWS ONLY)";

    long insert(PostCommand command, Partner author, String body, MessageId messageId, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO messages (record_id, message_type, author_partner_id, email_from, subject, body, message_id,
                    created_at, parent_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, """ + PARENT + ")")
                .params(
                        command.recordId(),
                        command.type().name().toLowerCase(Locale.ROOT),
                        author.id(),
                        Chatter.emailFrom(author),
                        blankToNull(command.subject()),
                        body,
                        messageId.value(),
                        now.atOffset(ZoneOffset.UTC),
                        command.recordId())
                .update(key, "id");
        return key.getKeyAs(Long.class);
    }

    /**
     * One notification per follower and extra recipient except the author, in one statement however
     * many followers there are. A recipient without an email cannot be mailed: its notification is an
     * exception ({@code mail_email_missing}) from the start, so the thread shows it. Returns how many were created.
     */
    int insertNotifications(long messageId, long recordId, long authorId, List<Long> extraRecipients) {
        // followers first, by a join the index on followers (record_id, partner_id) serves
        int created = jdbc.sql(INSERT_NOTIFICATIONS + """
                        FROM followers f JOIN partners p ON p.id = f.partner_id
                        WHERE f.record_id = :record AND p.id <> :author""")
                .param("message", messageId)
                .param("author", authorId)
                .param("record", recordId)
                .update();
        if (!extraRecipients.isEmpty()) {
            created += jdbc.sql(INSERT_NOTIFICATIONS + """
                            FROM partners p
                            WHERE p.id IN (:extras) AND p.id <> :author
                              AND NOT EXISTS (SELECT 1 FROM followers f WHERE f.record_id = :record AND f.partner_id = p.id)""")
                    .param("message", messageId)
                    .param("author", authorId)
                    .param("record", recordId)
                    .param("extras", extraRecipients)
                    .update();
        }
        if (created > 0) {
            // the inbox notifications just stored, found by the index on notifications (message_id)
            jdbc.sql("""
                            INSERT INTO inbox_entries (partner_id, message_id, is_read, starred)
                            SELECT partner_id, message_id, FALSE, FALSE FROM notifications
                            WHERE message_id = ? AND channel = 'inbox'""").param(messageId).update();
        }
        return created;
    }

    long insertEmail(EmailPost post, Long authorId, String body, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO messages (record_id, message_type, author_partner_id, email_from, subject, body,
                            body_text, stripped_text, message_id, created_at, parent_id)
                        VALUES (?, 'email', ?, ?, ?, ?, ?, ?, ?, ?, """ + PARENT + ")")
                .params(
                        post.recordId(),
                        authorId,
                        post.from() == null ? null : truncate(post.from().formatted(), 1024),
                        blankToNull(truncate(post.subject(), 1024)),
                        body,
                        post.text(),
                        post.strippedText(),
                        truncate(post.messageIdHeader(), 998),
                        now.atOffset(ZoneOffset.UTC),
                        post.recordId())
                .update(key, "id");
        return key.getKeyAs(Long.class);
    }

    void linkRecipients(long messageId, List<Long> partnerIds) {
        // a mail has a few recipients: a statement each costs less than preparing a batch
        for (long partnerId : partnerIds) {
            jdbc.sql("INSERT INTO message_recipients (message_id, partner_id) VALUES (?, ?)")
                    .params(messageId, partnerId)
                    .update();
        }
    }

    void setBody(long messageId, String body) {
        jdbc.sql("UPDATE messages SET body = ? WHERE id = ?")
                .params(body, messageId)
                .update();
    }

    /** The follower of a record whose normalized email is the sender's (the first one, by id). */
    java.util.Optional<Long> followerByEmail(long recordId, com.perfectwork.mail.core.EmailAddress from) {
        if (from == null) {
            return java.util.Optional.empty();
        }
        return jdbc.sql("""
                        SELECT p.id FROM followers f JOIN partners p ON p.id = f.partner_id
                        WHERE f.record_id = ? AND p.email_normalized = ? ORDER BY p.id FETCH FIRST 1 ROWS ONLY""")
                .params(recordId, from.normalized())
                .query(Long.class)
                .optional();
    }

    /**
     * The messages carrying one of these Message-IDs (exact comparison), with their records' models. Found through
     * the index on message_id and sorted here: with an {@code ORDER BY id} in the query, the planner walked the
     * whole table backwards by id whenever none matched.
     */
    List<KnownMessage> withMessageIds(Collection<String> messageIds) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        return jdbc
                .sql("""
                        SELECT m.id, m.message_id, m.record_id, r.model FROM messages m
                        JOIN business_records r ON r.id = m.record_id
                        WHERE m.message_id IN (:ids)""")
                .param("ids", messageIds)
                .query((rs, row) -> new KnownMessage(
                        rs.getLong("id"), rs.getString("message_id"), rs.getLong("record_id"), rs.getString("model")))
                .list()
                .stream()
                .sorted(java.util.Comparator.comparingLong(KnownMessage::id).reversed())
                .toList();
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    /** Messages of a record oldest first, or only {@code onlyMessageId} when it is given. */
    List<ThreadMessage> thread(long recordId, Long onlyMessageId) {
        String only = onlyMessageId == null ? "" : " AND m.id = :only";
        JdbcClient.StatementSpec query =
                jdbc.sql("""
                SELECT m.id, m.record_id, m.message_type, m.author_partner_id, p.name AS author_name, m.email_from,
                       m.subject, m.body, m.stripped_text, m.message_id, m.created_at
                FROM messages m LEFT JOIN partners p ON p.id = m.author_partner_id
                WHERE m.record_id = :record""" + only + " ORDER BY m.created_at, m.id").param("record", recordId);
        if (onlyMessageId != null) {
            query = query.param("only", onlyMessageId);
        }
        List<ThreadMessage> bare = query.query(ChatterMessages::message).list();
        String scope = onlyMessageId == null
                ? "SELECT id FROM messages WHERE record_id = " + recordId
                : Long.toString(onlyMessageId);
        Map<Long, List<Attachment>> files = attachments.ofMessages(scope);
        Map<Long, List<Notification>> notes = notificationsOf(scope);
        Map<Long, List<Long>> recipients = recipientsOf(scope);
        return bare.stream()
                .map(m -> new ThreadMessage(
                        m.id(),
                        m.recordId(),
                        m.type(),
                        m.authorPartnerId(),
                        m.authorName(),
                        m.emailFrom(),
                        m.subject(),
                        m.body(),
                        m.strippedText(),
                        m.messageId(),
                        m.createdAt(),
                        files.getOrDefault(m.id(), List.of()),
                        notes.getOrDefault(m.id(), List.of()),
                        recipients.getOrDefault(m.id(), List.of())))
                .toList();
    }

    /** The contacts a received mail was addressed to, by message; {@code scope} as for notifications. */
    private Map<Long, List<Long>> recipientsOf(String scope) {
        record Row(long messageId, long partnerId) {}
        return jdbc
                .sql("SELECT message_id, partner_id FROM message_recipients WHERE message_id IN (" + scope
                        + ") ORDER BY partner_id")
                .query((rs, n) -> new Row(rs.getLong("message_id"), rs.getLong("partner_id")))
                .list()
                .stream()
                .collect(
                        Collectors.groupingBy(Row::messageId, Collectors.mapping(Row::partnerId, Collectors.toList())));
    }

    /** {@code scope} is a message id or a sub-select of them, built from numbers only. */
    private Map<Long, List<Notification>> notificationsOf(String scope) {
        record Row(long messageId, Notification notification) {}
        return jdbc
                .sql("""
                SELECT id, message_id, partner_id, email, status, failure_type, failure_reason, channel
                FROM notifications WHERE message_id IN (""" + scope + ") ORDER BY id")
                .query((rs, n) -> new Row(
                        rs.getLong("message_id"),
                        new Notification(
                                rs.getLong("id"),
                                rs.getLong("partner_id"),
                                rs.getString("email"),
                                NotificationStatus.valueOf(
                                        rs.getString("status").toUpperCase(Locale.ROOT)),
                                rs.getString("failure_type"),
                                rs.getString("failure_reason"),
                                rs.getString("channel"))))
                .list()
                .stream()
                .collect(Collectors.groupingBy(
                        Row::messageId, Collectors.mapping(Row::notification, Collectors.toList())));
    }

    private static ThreadMessage message(ResultSet rs, int row) throws SQLException {
        long authorId = rs.getLong("author_partner_id");
        Long author = rs.wasNull() ? null : authorId;
        return new ThreadMessage(
                rs.getLong("id"),
                rs.getLong("record_id"),
                MessageType.valueOf(rs.getString("message_type").toUpperCase(Locale.ROOT)),
                author,
                rs.getString("author_name"),
                rs.getString("email_from"),
                rs.getString("subject"),
                rs.getString("body"),
                rs.getString("stripped_text"),
                rs.getString("message_id"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                List.of(),
                List.of(),
                List.of());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
