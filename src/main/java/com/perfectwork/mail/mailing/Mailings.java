package com.perfectwork.mail.mailing;

import com.perfectwork.mail.core.ConflictException;
import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.core.SearchText;
import com.perfectwork.mail.core.UnknownIdException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The mailings. A mailing is written while it is a draft; each change of state is one conditional update, so that two
 * requests (or two instances) never both send, schedule or cancel the same mailing.
 */
@Component
public class Mailings {

    private static final String SELECT = "SELECT m.*, (SELECT STRING_AGG(CAST(ml.list_id AS VARCHAR(20)), ',')"
            + " FROM mailing_mailing_lists ml WHERE ml.mailing_id = m.id) AS list_ids FROM mailings m";

    private final JdbcClient jdbc;
    private final MailingLists lists;
    private final Clock clock;

    Mailings(JdbcClient jdbc, MailingLists lists, Clock clock) {
        this.jdbc = jdbc;
        this.lists = lists;
        this.clock = clock;
    }

    /** @throws InvalidInputException naming the field at fault */
    @Transactional
    public Mailing create(MailingDraft draft, String createdBy) {
        validate(draft);
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO mailings (subject, preview_text, body_html, email_from, reply_to, recipients_model,"
                        + " recipients_record_ids, mail_server_id, state, tracking, created_by, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?)")
                .params(values(draft, createdBy, now()))
                .update(key, "id");
        long id = key.getKeyAs(Long.class);
        writeLists(id, draft.listIds());
        return require(id);
    }

    /** @throws ConflictException unless the mailing is a draft */
    @Transactional
    public Mailing update(long id, MailingDraft draft) {
        requireDraft(id);
        validate(draft);
        jdbc.sql("UPDATE mailings SET subject = ?, preview_text = ?, body_html = ?, email_from = ?, reply_to = ?,"
                        + " recipients_model = ?, recipients_record_ids = ?, mail_server_id = ?, tracking = ?"
                        + " WHERE id = ?")
                .params(with(fields(draft), id))
                .update();
        jdbc.sql("DELETE FROM mailing_mailing_lists WHERE mailing_id = ?")
                .param(id)
                .update();
        writeLists(id, draft.listIds());
        return require(id);
    }

    /** A mailing that is sending or scheduled cannot be deleted: cancel it first. */
    @Transactional
    public void delete(long id) {
        Mailing mailing = require(id);
        if (mailing.state() == MailingState.SENDING || mailing.state() == MailingState.SCHEDULED) {
            throw new ConflictException("a " + mailing.state().code() + " mailing cannot be deleted: cancel it first");
        }
        jdbc.sql("DELETE FROM mailings WHERE id = ?").param(id).update();
    }

    public Optional<Mailing> find(long id) {
        return jdbc.sql(SELECT + " WHERE m.id = ?")
                .param(id)
                .query(Mailings::map)
                .optional();
    }

    public Mailing require(long id) {
        return find(id).orElseThrow(() -> new UnknownIdException("mailing", id));
    }

    /** Newest first; {@code state} and {@code search} (a piece of the subject) optional. */
    public List<Mailing> list(int offset, int limit, MailingState state, String search) {
        SearchText text = new SearchText(search);
        Map<String, Object> params = new HashMap<>(Map.of("offset", offset, "limit", limit));
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (state != null) {
            where.append(" AND m.state = :state");
            params.put("state", state.code());
        }
        if (!text.isEmpty()) {
            where.append(" AND LOWER(m.subject) LIKE :pattern").append(SearchText.ESCAPE);
            params.put("pattern", text.likePattern());
        }
        return jdbc.sql(SELECT + where + " ORDER BY m.id DESC OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY")
                .params(params)
                .query(Mailings::map)
                .list();
    }

    /** The ids of the scheduled mailings whose time has come. */
    List<Long> due(Instant now) {
        return jdbc.sql("SELECT id FROM mailings WHERE state = 'scheduled' AND scheduled_at <= ? ORDER BY scheduled_at")
                .param(utc(now))
                .query(Long.class)
                .list();
    }

    /** The ids of the sending mailings whose every mail is in the queue. */
    List<Long> sendingQueued() {
        return jdbc.sql("SELECT id FROM mailings WHERE state = 'sending' AND sent_at IS NOT NULL")
                .query(Long.class)
                .list();
    }

    /** Draft → scheduled at this time. */
    @Transactional
    public Mailing schedule(long id, Instant at) {
        requireDraft(id);
        if (at == null) {
            throw new InvalidInputException("at", "is required");
        }
        jdbc.sql("UPDATE mailings SET state = 'scheduled', scheduled_at = ? WHERE id = ? AND state = 'draft'")
                .params(utc(at), id)
                .update();
        return require(id);
    }

    /** Draft or scheduled → sending with its bulk message; false when another caller started it first. */
    boolean startSending(long id, long bulkMessageId) {
        return jdbc.sql("UPDATE mailings SET state = 'sending', bulk_message_id = ? WHERE id = ?"
                                + " AND state IN ('draft', 'scheduled')")
                        .params(bulkMessageId, id)
                        .update()
                > 0;
    }

    /** Every mail of the mailing is in the queue (its traces counted); locks the mailing's row ({@link #lock}). */
    void queued(long id, long total) {
        jdbc.sql("UPDATE mailings SET sent_at = ?, total = ? WHERE id = ?")
                .params(utc(now()), total, id)
                .update();
    }

    /**
     * Sending → done when every mail went into the queue and none of its traces waits any more. Read in two queries,
     * then changed by id and state alone: on H2, one update whose condition read both tables missed what the other
     * side (the sender's last step, or an outcome) had committed meanwhile, and the mailing stayed sending.
     */
    boolean finishIfDone(long id) {
        boolean queuedAll = jdbc.sql("SELECT COUNT(*) FROM mailings WHERE id = ? AND state = 'sending'"
                                + " AND sent_at IS NOT NULL")
                        .param(id)
                        .query(Long.class)
                        .single()
                > 0;
        // whether one trace is still queued, not how many: asked on every batch of outcomes, under the mailing's
        // lock, a count walked every queued trace of a 100 000-recipient mailing each time
        if (!queuedAll || hasQueued(id)) {
            return false;
        }
        return jdbc.sql("UPDATE mailings SET state = 'done', done_at = ? WHERE id = ? AND state = 'sending'")
                        .params(utc(now()), id)
                        .update()
                > 0;
    }

    /**
     * Scheduled or sending → canceled, if it is still in the state it was read in ({@code before}); a sending one may
     * have become done meanwhile, by the outcomes of its own canceled mails. Whether it changed.
     */
    boolean cancel(long id, MailingState before) {
        List<String> from = before == MailingState.SENDING
                ? List.of(MailingState.SENDING.code(), MailingState.DONE.code())
                : List.of(before.code());
        return jdbc.sql("UPDATE mailings SET state = 'canceled', done_at = :now WHERE id = :id AND state IN (:from)")
                        .param("now", utc(now()))
                        .param("id", id)
                        .param("from", from)
                        .update()
                > 0;
    }

    /** Whether one of the mailing's traces still waits for its outcome. */
    boolean hasQueued(long id) {
        return jdbc.sql("SELECT CASE WHEN EXISTS (SELECT 1 FROM mailing_traces WHERE mailing_id = ?"
                                + " AND state = 'queued') THEN 1 ELSE 0 END")
                        .param(id)
                        .query(Integer.class)
                        .single()
                == 1;
    }

    /** The mailing that sends this bulk message, if one does. */
    Optional<Long> ofBulkMessage(long bulkMessageId) {
        return jdbc.sql("SELECT id FROM mailings WHERE bulk_message_id = ?")
                .param(bulkMessageId)
                .query(Long.class)
                .optional();
    }

    /**
     * Locks the mailing's row until the transaction ends: the outcomes' listener and the sender's last step take it
     * before asking {@link #finishIfDone}, so that whichever comes second sees what the first wrote (otherwise each
     * could miss the other's uncommitted rows, and the mailing stay sending). Always after the queue's rows, as every
     * caller reaches it from the queue's transaction or takes no queue row.
     */
    void lock(long id) {
        jdbc.sql("SELECT id FROM mailings WHERE id = ? FOR UPDATE")
                .param(id)
                .query(Long.class)
                .optional();
    }

    /** Keeps the links a mailing's clicks may lead to, by number (from 1). */
    void saveLinks(long id, List<String> urls) {
        for (int n = 1; n <= urls.size(); n++) {
            jdbc.sql("INSERT INTO mailing_links (mailing_id, n, url) VALUES (?, ?, ?)")
                    .params(id, n, urls.get(n - 1))
                    .update();
        }
    }

    /** The mailing's link of this number, if it has one. */
    Optional<String> link(long id, int n) {
        return jdbc.sql("SELECT url FROM mailing_links WHERE mailing_id = ? AND n = ?")
                .params(id, n)
                .query(String.class)
                .optional();
    }

    private void requireDraft(long id) {
        Mailing mailing = require(id);
        if (!mailing.editable()) {
            throw new ConflictException("the mailing is " + mailing.state().code() + ", no longer a draft");
        }
    }

    private void validate(MailingDraft draft) {
        if (draft.subject() == null || draft.subject().isBlank()) {
            throw new InvalidInputException("subject", "is required");
        }
        if (draft.subject().strip().length() > 998) {
            throw new InvalidInputException("subject", "must be at most 998 characters");
        }
        if (draft.emailFrom() == null
                || EmailAddress.tryParse(draft.emailFrom()).isEmpty()) {
            throw new InvalidInputException("emailFrom", "must be an email address");
        }
        if (draft.replyTo() != null
                && !draft.replyTo().isBlank()
                && EmailAddress.tryParse(draft.replyTo()).isEmpty()) {
            throw new InvalidInputException("replyTo", "must be an email address");
        }
        boolean toModel = draft.model() != null && !draft.model().isBlank();
        if (toModel == !draft.listIds().isEmpty()) {
            throw new InvalidInputException("recipients", "name either mailing lists or a model, not both");
        }
        lists.requireAll(draft.listIds(), "recipients.listIds");
    }

    private void writeLists(long id, List<Long> listIds) {
        for (Long list : Set.copyOf(listIds)) {
            jdbc.sql("INSERT INTO mailing_mailing_lists (mailing_id, list_id) VALUES (?, ?)")
                    .params(id, list)
                    .update();
        }
    }

    private static List<Object> values(MailingDraft draft, String createdBy, Instant now) {
        return with(fields(draft), createdBy, utc(now));
    }

    /** The columns a draft writes, in the order of both the INSERT and the UPDATE. */
    private static List<Object> fields(MailingDraft draft) {
        return Arrays.asList(
                draft.subject().strip(),
                blankToNull(draft.previewText()),
                draft.body() == null ? "" : draft.body(),
                draft.emailFrom().strip(),
                blankToNull(draft.replyTo()),
                blankToNull(draft.model()),
                recordIds(draft),
                draft.mailServerId(),
                draft.tracking() == null || draft.tracking());
    }

    private static List<Object> with(List<Object> fields, Object... more) {
        List<Object> all = new java.util.ArrayList<>(fields);
        all.addAll(Arrays.asList(more));
        return all;
    }

    private static String recordIds(MailingDraft draft) {
        return draft.recordIds().isEmpty()
                ? null
                : draft.recordIds().stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private Instant now() {
        return clock.instant();
    }

    static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static List<Long> ids(String joined) {
        return joined == null || joined.isBlank()
                ? List.of()
                : Arrays.stream(joined.split(","))
                        .map(String::strip)
                        .map(Long::valueOf)
                        .sorted()
                        .toList();
    }

    private static Mailing map(ResultSet rs, int row) throws SQLException {
        long server = rs.getLong("mail_server_id");
        Long mailServerId = rs.wasNull() ? null : server;
        long bulk = rs.getLong("bulk_message_id");
        Long bulkMessageId = rs.wasNull() ? null : bulk;
        return new Mailing(
                rs.getLong("id"),
                rs.getString("subject"),
                rs.getString("preview_text"),
                rs.getString("body_html"),
                rs.getString("email_from"),
                rs.getString("reply_to"),
                ids(rs.getString("list_ids")),
                rs.getString("recipients_model"),
                ids(rs.getString("recipients_record_ids")),
                mailServerId,
                instant(rs, "scheduled_at"),
                MailingState.of(rs.getString("state")),
                rs.getBoolean("tracking"),
                bulkMessageId,
                rs.getLong("total"),
                rs.getString("created_by"),
                instant(rs, "created_at"),
                instant(rs, "sent_at"),
                instant(rs, "done_at"));
    }
}
