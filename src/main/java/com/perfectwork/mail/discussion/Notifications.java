package com.perfectwork.mail.discussion;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The mailing side of notifications: what is ready to be mailed, what a mail is made of, and the
 * delivery outcome that the thread shows (sent, or the red envelope with its failure type and reason).
 */
@Component
public class Notifications {

    private final JdbcClient jdbc;
    private final Attachments attachments;

    Notifications(JdbcClient jdbc, Attachments attachments) {
        this.jdbc = jdbc;
        this.attachments = attachments;
    }

    /**
     * The notifications of a message still in state ready, oldest first, with the message's Message-ID and subject
     * (or its record's name), in one query: what the queue needs to list their mails.
     */
    public ReadyNotifications ready(long messageId) {
        record Row(PendingNotification notification, String header, String subject, String recordName) {}
        List<Row> rows = jdbc.sql("""
                        SELECT n.id, n.message_id, n.partner_id, p.name, n.email, m.message_id AS header, m.subject,
                               r.name AS record_name
                        FROM notifications n
                        JOIN partners p ON p.id = n.partner_id
                        JOIN messages m ON m.id = n.message_id
                        JOIN business_records r ON r.id = m.record_id
                        WHERE n.message_id = ? AND n.status = 'ready' ORDER BY n.id""")
                .param(messageId)
                .query((rs, row) -> new Row(
                        new PendingNotification(
                                rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5)),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8)))
                .list();
        if (rows.isEmpty()) {
            return new ReadyNotifications(null, null, null, List.of());
        }
        Row first = rows.get(0);
        return new ReadyNotifications(
                first.header(),
                first.subject(),
                first.recordName(),
                rows.stream().map(Row::notification).toList());
    }

    public Optional<MailableMessage> mailable(long messageId) {
        return Optional.ofNullable(mailable(List.of(messageId)).get(messageId));
    }

    /**
     * What the mails of these messages are made of, by message id (a message that no longer exists is missing), in
     * two queries whatever their number: a pass of the queue composes the mails of many messages at once.
     */
    public Map<Long, MailableMessage> mailable(Collection<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return Map.of();
        }
        List<MailableMessage> found = jdbc.sql("""
                        SELECT m.id, m.record_id, r.model, r.name AS record_name, m.author_partner_id, p.name AS author_name,
                               p.email AS author_email, m.subject, m.body, m.body_text, m.message_id,
                               parent.message_id AS parent_message_id
                        FROM messages m
                        JOIN business_records r ON r.id = m.record_id
                        LEFT JOIN partners p ON p.id = m.author_partner_id
                        LEFT JOIN messages parent ON parent.id = m.parent_id
                        WHERE m.id IN (:ids)""")
                .param("ids", messageIds)
                .query((rs, row) -> {
                    long author = rs.getLong("author_partner_id");
                    Long authorId = rs.wasNull() ? null : author;
                    return new MailableMessage(
                            rs.getLong("id"),
                            rs.getLong("record_id"),
                            rs.getString("model"),
                            rs.getString("record_name"),
                            authorId,
                            rs.getString("author_name"),
                            rs.getString("author_email"),
                            rs.getString("subject"),
                            rs.getString("body"),
                            rs.getString("body_text"),
                            rs.getString("message_id"),
                            rs.getString("parent_message_id"),
                            List.of());
                })
                .list();
        Map<Long, List<AttachmentContent>> files =
                attachments.contentsOf(found.stream().map(MailableMessage::id).toList());
        Map<Long, MailableMessage> byId = new HashMap<>();
        for (MailableMessage message : found) {
            byId.put(message.id(), withAttachments(message, files.getOrDefault(message.id(), List.of())));
        }
        return byId;
    }

    @Transactional
    public void markSent(Collection<Long> notificationIds) {
        if (!notificationIds.isEmpty()) {
            jdbc.sql(
                            "UPDATE notifications SET status = 'sent', failure_type = NULL, failure_reason = NULL WHERE id IN (:ids)")
                    .param("ids", notificationIds)
                    .update();
        }
    }

    /** The red envelope: {@code status} is {@code EXCEPTION} or {@code BOUNCE}. */
    @Transactional
    public void markFailed(long notificationId, NotificationStatus status, String failureType, String failureReason) {
        if (!status.failed()) {
            throw new IllegalArgumentException("not a failure: " + status);
        }
        jdbc.sql("UPDATE notifications SET status = ?, failure_type = ?, failure_reason = ? WHERE id = ?")
                .params(status.name().toLowerCase(Locale.ROOT), failureType, failureReason, notificationId)
                .update();
    }

    /** Back to ready (a retried mail) or canceled. */
    @Transactional
    public void mark(long notificationId, NotificationStatus status) {
        jdbc.sql("UPDATE notifications SET status = ?, failure_type = NULL, failure_reason = NULL WHERE id = ?")
                .params(status.name().toLowerCase(Locale.ROOT), notificationId)
                .update();
    }

    private static MailableMessage withAttachments(MailableMessage m, List<AttachmentContent> files) {
        return new MailableMessage(
                m.id(),
                m.recordId(),
                m.recordModel(),
                m.recordName(),
                m.authorPartnerId(),
                m.authorName(),
                m.authorEmail(),
                m.subject(),
                m.body(),
                m.bodyText(),
                m.messageIdHeader(),
                m.parentMessageIdHeader(),
                files);
    }
}
