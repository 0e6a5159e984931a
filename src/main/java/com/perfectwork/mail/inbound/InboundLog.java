package com.perfectwork.mail.inbound;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/** The inbound log (Settings ‣ Technical ‣ Email ‣ Incoming Log): every received mail and its outcome. */
@Component
public class InboundLog {

    private static final String COLUMNS = """
            id, received_at, source, content_hash, size_bytes, message_id_header, email_from, subject, outcome, reason,
            error_detail, model, record_id, chatter_message_id, attempts""";

    private final JdbcClient jdbc;

    InboundLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long received(Instant at, String source, String hash, long size, String messageId, String from, String subject) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO inbound_mails (received_at, source, content_hash, size_bytes, message_id_header,
                            email_from, subject, outcome)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 'received')""")
                .params(
                        at.atOffset(ZoneOffset.UTC),
                        source,
                        hash,
                        size,
                        cut(messageId, 998),
                        cut(from, 1024),
                        cut(subject, 1024))
                .update(key, "id");
        return key.getKeyAs(Long.class);
    }

    /**
     * The outcome of processing a mail, with its sender's normalized address (kept for the loop guard's counts; null
     * leaves the one recorded before) and, for a failure, the stack trace.
     */
    void processed(long id, String sender, InboundResult result, String errorDetail, Instant at) {
        jdbc.sql("""
                        UPDATE inbound_mails SET outcome = ?, reason = ?, error_detail = ?, model = ?, record_id = ?,
                            chatter_message_id = ?, sender_normalized = COALESCE(?, sender_normalized),
                            attempts = attempts + 1, processed_at = ?
                        WHERE id = ?""")
                .params(
                        result.outcome().code(),
                        cut(result.reason(), 4000),
                        errorDetail,
                        result.model(),
                        result.recordId(),
                        result.messageId(),
                        sender,
                        at.atOffset(ZoneOffset.UTC),
                        id)
                .update();
    }

    /** Mails of a sender with this outcome on this record (or creating records of this model) since a moment. */
    int countBySender(String sender, InboundOutcome outcome, String model, Long recordId, Instant since) {
        String target = recordId != null ? " AND record_id = :record" : " AND model = :model";
        JdbcClient.StatementSpec query = jdbc.sql("SELECT COUNT(*) FROM inbound_mails WHERE sender_normalized = :sender"
                        + " AND outcome = :outcome AND processed_at >= :since" + target)
                .param("sender", sender)
                .param("outcome", outcome.code())
                .param("since", since.atOffset(ZoneOffset.UTC));
        query = recordId != null ? query.param("record", recordId) : query.param("model", model);
        return query.query(Integer.class).single();
    }

    public Optional<InboundMail> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM inbound_mails WHERE id = ?")
                .param(id)
                .query(InboundLog::map)
                .optional();
    }

    public List<InboundMail> list(InboundOutcome outcome, int offset, int limit) {
        String where = outcome == null ? "" : " WHERE outcome = '" + outcome.code() + "'";
        return jdbc.sql("SELECT " + COLUMNS + " FROM inbound_mails" + where
                        + " ORDER BY id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")
                .params(offset, limit)
                .query(InboundLog::map)
                .list();
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static InboundMail map(ResultSet rs, int row) throws SQLException {
        long record = rs.getLong("record_id");
        Long recordId = rs.wasNull() ? null : record;
        long message = rs.getLong("chatter_message_id");
        Long messageId = rs.wasNull() ? null : message;
        return new InboundMail(
                rs.getLong("id"),
                rs.getObject("received_at", OffsetDateTime.class).toInstant(),
                rs.getString("source"),
                rs.getString("content_hash"),
                rs.getLong("size_bytes"),
                rs.getString("message_id_header"),
                rs.getString("email_from"),
                rs.getString("subject"),
                InboundOutcome.of(rs.getString("outcome")),
                rs.getString("reason"),
                rs.getString("error_detail"),
                rs.getString("model"),
                recordId,
                messageId,
                rs.getInt("attempts"));
    }
}
