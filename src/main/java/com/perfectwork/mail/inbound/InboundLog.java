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

    void processed(
            long id,
            InboundOutcome outcome,
            String reason,
            String errorDetail,
            String model,
            Long recordId,
            Long chatterMessageId,
            Instant at) {
        jdbc.sql("""
                        UPDATE inbound_mails SET outcome = ?, reason = ?, error_detail = ?, model = ?, record_id = ?,
                            chatter_message_id = ?, attempts = attempts + 1, processed_at = ?
                        WHERE id = ?""")
                .params(
                        outcome.code(),
                        cut(reason, 4000),
                        errorDetail,
                        model,
                        recordId,
                        chatterMessageId,
                        at.atOffset(ZoneOffset.UTC),
                        id)
                .update();
    }

    void sender(long id, String normalized) {
        jdbc.sql("UPDATE inbound_mails SET sender_normalized = ? WHERE id = ?")
                .params(normalized, id)
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

    /** True when another received mail with this Message-ID was already posted or created a record. */
    boolean alreadyPosted(String messageId, long exceptId) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM inbound_mails
                        WHERE message_id_header = ? AND id <> ? AND outcome IN ('posted', 'created')""").params(messageId, exceptId).query(Integer.class).single() > 0;
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
