package com.perfectwork.mail.discussion;

import com.perfectwork.mail.core.HtmlToText;
import com.perfectwork.mail.core.UnknownIdException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's inbox: the messages that notified their partner in the product rather than by email (users with the inbox
 * preference; {@link Chatter} fills it as it stores the notifications), newest first, each read or unread, starred or
 * not. Every method takes the owner's partner: nobody reaches another's inbox, and a message that is not in this
 * inbox is unknown ({@link UnknownIdException}), whether or not it exists.
 */
@Component
public class Inbox {

    static final int PREVIEW_LENGTH = 200;

    private final JdbcClient jdbc;

    Inbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A page of the inbox, newest first. The page's entries are chosen first, from the inbox's own table alone, by the
     * primary key (partner, message) or, for the unread and the starred ones, by the indexes (partner, read, message)
     * and (partner, starred, message); only those are joined to their messages. Joined before the limit, PostgreSQL may
     * walk the messages newest first down to the page (a merge join), a cost that grows with how deep the page is
     * ({@code before=} halfway down an inbox of 100 000) and with how sparse the entries are among all the messages
     * (the first unread page of an inbox mostly read); chosen first, a page costs its 50 look-ups whatever the inbox.
     */
    public List<InboxEntry> list(long partnerId, InboxQuery query) {
        String where = (query.unreadOnly() ? " AND is_read = FALSE" : "")
                + (query.starredOnly() ? " AND starred = TRUE" : "")
                + (query.before() != null ? " AND message_id < :before" : "");
        var sql = jdbc.sql("""
                        SELECT e.message_id, e.is_read, e.starred, m.record_id, r.model, r.name AS record_name,
                               COALESCE(p.name, m.email_from) AS author_name, m.subject, m.body, m.stripped_text,
                               m.created_at
                        FROM (SELECT message_id, is_read, starred FROM inbox_entries
                              WHERE partner_id = :partner""" + where + """

                              ORDER BY message_id DESC OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY) e
                        JOIN messages m ON m.id = e.message_id
                        JOIN business_records r ON r.id = m.record_id
                        LEFT JOIN partners p ON p.id = m.author_partner_id
                        ORDER BY e.message_id DESC""")
                .param("partner", partnerId)
                .param("offset", query.offset())
                .param("limit", query.limit());
        if (query.before() != null) {
            sql = sql.param("before", query.before());
        }
        return sql.query(Inbox::entry).list();
    }

    /** How many messages of the inbox are unread: the menu's counter. */
    public long unreadCount(long partnerId) {
        return jdbc.sql("SELECT COUNT(*) FROM inbox_entries WHERE partner_id = ? AND is_read = FALSE")
                .param(partnerId)
                .query(Long.class)
                .single();
    }

    /**
     * The inbox's newest message and unread count, in one statement, as every page's counter polls it: the newest by
     * the primary key's last entry, the count from the unread index alone (it reads one index entry per unread
     * message).
     */
    public InboxVersion version(long partnerId) {
        return jdbc.sql("""
                        SELECT (SELECT MAX(message_id) FROM inbox_entries WHERE partner_id = :partner) AS newest,
                               (SELECT COUNT(*) FROM inbox_entries WHERE partner_id = :partner AND is_read = FALSE)
                                   AS unread""")
                .param("partner", partnerId)
                .query((rs, row) -> new InboxVersion(rs.getLong("newest"), rs.getLong("unread")))
                .single();
    }

    /** Marks one message read; idempotent. */
    @Transactional
    public void markRead(long partnerId, long messageId) {
        change(partnerId, messageId, "is_read = TRUE");
    }

    /** Marks every message of the inbox read; returns how many were unread. */
    @Transactional
    public int markAllRead(long partnerId) {
        return jdbc.sql("UPDATE inbox_entries SET is_read = TRUE WHERE partner_id = ? AND is_read = FALSE")
                .param(partnerId)
                .update();
    }

    /** Marks read the inbox's messages of one record, as opening the record shows them; returns how many were unread. */
    @Transactional
    public int markRecordRead(long partnerId, long recordId) {
        return jdbc.sql("""
                        UPDATE inbox_entries SET is_read = TRUE
                        WHERE partner_id = ? AND is_read = FALSE
                          AND message_id IN (SELECT id FROM messages WHERE record_id = ?)""").params(partnerId, recordId).update();
    }

    /** Stars or unstars one message; idempotent. */
    @Transactional
    public void star(long partnerId, long messageId, boolean starred) {
        change(partnerId, messageId, starred ? "starred = TRUE" : "starred = FALSE");
    }

    private void change(long partnerId, long messageId, String assignment) {
        int changed = jdbc.sql("UPDATE inbox_entries SET " + assignment + " WHERE partner_id = ? AND message_id = ?")
                .params(partnerId, messageId)
                .update();
        if (changed == 0) {
            throw new UnknownIdException("inbox message", messageId);
        }
    }

    private static InboxEntry entry(ResultSet rs, int row) throws SQLException {
        return new InboxEntry(
                rs.getLong("message_id"),
                rs.getLong("record_id"),
                rs.getString("model"),
                rs.getString("record_name"),
                rs.getString("author_name"),
                rs.getString("subject"),
                preview(rs.getString("stripped_text"), rs.getString("body")),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getBoolean("is_read"),
                rs.getBoolean("starred"));
    }

    /** The new part of a received reply, else the body as text, on one line and cut to {@value #PREVIEW_LENGTH}. */
    static String preview(String strippedText, String body) {
        String text = strippedText != null && !strippedText.isBlank() ? strippedText : HtmlToText.convert(body);
        String line = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return line.length() <= PREVIEW_LENGTH ? line : line.substring(0, PREVIEW_LENGTH - 1) + "…";
    }
}
