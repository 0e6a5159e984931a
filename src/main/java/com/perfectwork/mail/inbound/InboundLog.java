package com.perfectwork.mail.inbound;

import com.perfectwork.mail.core.SearchText;
import com.perfectwork.mail.deliverability.DmarcVerdict;
import com.perfectwork.mail.deliverability.SenderAuthentication;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/** The inbound log (Settings ‣ Technical ‣ Email ‣ Incoming Log): every received mail and its outcome. */
@Component
public class InboundLog {

    private static final String COLUMNS = """
            id, received_at, source, content_hash, size_bytes, message_id_header, email_from, subject, outcome, reason,
            error_detail, model, record_id, chatter_message_id, attempts, authentication, dmarc, dmarc_policy,
            authenticated_domain""";

    private final JdbcClient jdbc;

    InboundLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Writes a mail's entry with the outcome of processing it: a new entry for a mail just received (in the
     * transaction that posted it, so that the entry and the post are there together or not at all), the entry
     * updated for a retried one. Keeps the sender's normalized address (the loop guard counts a sender's posts and
     * creations from here; null leaves the one recorded before) and, for a failure, the stack trace. The result
     * names the entry.
     */
    InboundResult record(Received mail, String sender, InboundResult result, String errorDetail, Instant at) {
        if (mail.logId() == null) {
            KeyHolder key = new GeneratedKeyHolder();
            jdbc.sql("""
                            INSERT INTO inbound_mails (received_at, source, content_hash, size_bytes, message_id_header,
                                email_from, subject, outcome, reason, error_detail, model, record_id, chatter_message_id,
                                sender_normalized, attempts, processed_at, authentication, dmarc, dmarc_policy,
                                authenticated_domain)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)""")
                    .params(
                            utc(mail.receivedAt()),
                            mail.source().stored(),
                            mail.contentHash(),
                            mail.size(),
                            cut(mail.headline().messageId(), 998),
                            cut(mail.headline().from(), 1024),
                            cut(mail.headline().subject(), 1024),
                            result.outcome().code(),
                            cut(result.reason(), 4000),
                            errorDetail,
                            result.model(),
                            result.recordId(),
                            result.messageId(),
                            sender,
                            utc(at),
                            authentication(mail, SenderAuthentication::results, 2000),
                            authentication(mail, a -> a.dmarc().word(), 16),
                            authentication(mail, SenderAuthentication::dmarcPolicy, 16),
                            authentication(mail, SenderAuthentication::authenticatedDomain, 255))
                    .update(key, "id");
            return withLogId(result, key.getKeyAs(Long.class));
        }
        jdbc.sql("""
                        UPDATE inbound_mails SET outcome = ?, reason = ?, error_detail = ?, model = ?, record_id = ?,
                            chatter_message_id = ?, sender_normalized = COALESCE(?, sender_normalized),
                            attempts = attempts + 1, processed_at = ?, authentication = ?, dmarc = ?,
                            dmarc_policy = ?, authenticated_domain = ?
                        WHERE id = ?""")
                .params(
                        result.outcome().code(),
                        cut(result.reason(), 4000),
                        errorDetail,
                        result.model(),
                        result.recordId(),
                        result.messageId(),
                        sender,
                        utc(at),
                        authentication(mail, SenderAuthentication::results, 2000),
                        authentication(mail, a -> a.dmarc().word(), 16),
                        authentication(mail, SenderAuthentication::dmarcPolicy, 16),
                        authentication(mail, SenderAuthentication::authenticatedDomain, 255),
                        mail.logId())
                .update();
        return withLogId(result, mail.logId());
    }

    /** A column of the mail's sender checks, null while it has none. */
    private static String authentication(Received mail, Function<SenderAuthentication, String> column, int max) {
        return mail.authentication() == null ? null : cut(column.apply(mail.authentication()), max);
    }

    private static InboundResult withLogId(InboundResult result, long id) {
        return new InboundResult(
                id,
                result.outcome(),
                result.model(),
                result.recordId(),
                result.messageId(),
                result.reason(),
                result.bounce());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
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

    /**
     * How many mails fetched from each incoming server are failed now (a retry that goes through takes one off),
     * by server id; a server none of whose mails is failed is not in the map. Its mails fetched over IMAP and over
     * POP3 (its protocol changed) count together. Which sources are fetched is {@link MailSource}'s to read, not the
     * query's: a handful of rows, one per source.
     */
    public Map<Long, Integer> failedByIncomingServer() {
        Map<Long, Integer> failed = new HashMap<>();
        jdbc.sql("""
                        SELECT source, COUNT(*) AS mails FROM inbound_mails
                        WHERE outcome = 'failed' GROUP BY source""")
                .query((rs, row) -> Map.entry(rs.getString("source"), rs.getInt("mails")))
                .list()
                .forEach(bySource -> {
                    if (MailSource.of(bySource.getKey()) instanceof MailSource.Fetched fetched) {
                        failed.merge(fetched.serverId(), bySource.getValue(), Integer::sum);
                    }
                });
        return failed;
    }

    public Optional<InboundMail> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM inbound_mails WHERE id = ?")
                .param(id)
                .query(InboundLog::map)
                .optional();
    }

    public List<InboundMail> list(InboundOutcome outcome, int offset, int limit) {
        return search(outcome, null, offset, limit);
    }

    /**
     * A page of received mails, the latest first, with {@code outcome} (null: any) whose sender or subject holds
     * {@code search} (null or blank: every mail) in any case, taken literally (its % and _ are no wildcards).
     */
    public List<InboundMail> search(InboundOutcome outcome, String search, int offset, int limit) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>(Map.of("offset", offset, "limit", limit));
        if (outcome != null) {
            where.append(" AND outcome = :outcome");
            params.put("outcome", outcome.code());
        }
        SearchText text = new SearchText(search);
        if (!text.isEmpty()) {
            where.append(" AND (LOWER(email_from) LIKE :pattern" + SearchText.ESCAPE
                    + " OR LOWER(subject) LIKE :pattern" + SearchText.ESCAPE + ")");
            params.put("pattern", text.likePattern());
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM inbound_mails" + where
                        + " ORDER BY id DESC OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY")
                .params(params)
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
                rs.getInt("attempts"),
                authentication(rs));
    }

    private static SenderAuthentication authentication(ResultSet rs) throws SQLException {
        String results = rs.getString("authentication");
        return results == null
                ? null
                : new SenderAuthentication(
                        results,
                        DmarcVerdict.of(rs.getString("dmarc")),
                        rs.getString("dmarc_policy"),
                        rs.getString("authenticated_domain"));
    }
}
