package com.perfectwork.mail.discussion;

import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.storage.ContentTooLargeException;
import com.perfectwork.mail.storage.Filestore;
import com.perfectwork.mail.storage.StoredContent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/** Attachments of messages: metadata in the database, contents in the {@link Filestore}. */
@Component
public class Attachments {

    private static final Pattern MIMETYPE =
            Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+\\-]*/[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+\\-]*");

    private final JdbcClient jdbc;
    private final Filestore filestore;
    private final AttachmentSettings settings;
    private final Clock clock;

    Attachments(JdbcClient jdbc, Filestore filestore, AttachmentSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.filestore = filestore;
        this.settings = settings;
        this.clock = clock;
    }

    /** The size limit, for adapters that can refuse a too-large upload before decoding it. */
    public long maxSize() {
        return settings.maxSize().toBytes();
    }

    /** Checks every attachment before anything is stored, so a refused post stores nothing. */
    void check(List<NewAttachment> attachments) {
        for (int i = 0; i < attachments.size(); i++) {
            NewAttachment attachment = attachments.get(i);
            if (attachment.name() == null
                    || attachment.name().isBlank()
                    || attachment.name().length() > 512) {
                throw new InvalidInputException("attachments[" + i + "].name", "is required, at most 512 characters");
            }
            if (attachment.content() == null) {
                throw new InvalidInputException("attachments[" + i + "].contentBase64", "is required");
            }
            if (attachment.size() > maxSize()) {
                throw new AttachmentTooLargeException(attachment.name(), attachment.size(), settings.maxSize());
            }
        }
    }

    /**
     * Stores an attachment of a message, streamed into the filestore; returns its id. A content of unknown size
     * is measured as it streams and refused once it goes over the limit.
     */
    long store(long messageId, NewAttachment attachment) {
        StoredContent stored;
        try (InputStream in = attachment.content().open()) {
            stored = filestore.store(in, maxSize());
        } catch (ContentTooLargeException e) {
            throw new AttachmentTooLargeException(attachment.name(), settings.maxSize());
        } catch (IOException e) {
            throw new UncheckedIOException("the attachment '" + attachment.name() + "' cannot be read", e);
        }
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO attachments (message_id, name, mimetype, size_bytes, content_hash, created_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(
                        messageId,
                        attachment.name().strip(),
                        mimetype(attachment.mimetype()),
                        stored.size(),
                        stored.hash(),
                        OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                .update(key, "id");
        return key.getKeyAs(Long.class);
    }

    /**
     * The attachments of some messages, by message id, in the order they were added; {@code scope} is a
     * message id or a sub-select of message ids, built by the caller from numbers only.
     */
    Map<Long, List<Attachment>> ofMessages(String scope) {
        record Row(long messageId, Attachment attachment) {}
        return jdbc
                .sql("SELECT id, message_id, name, mimetype, size_bytes FROM attachments WHERE message_id IN (" + scope
                        + ") ORDER BY id")
                .query((rs, n) -> new Row(
                        rs.getLong(2), new Attachment(rs.getLong(1), rs.getString(3), rs.getString(4), rs.getLong(5))))
                .list()
                .stream()
                .collect(Collectors.groupingBy(
                        Row::messageId, Collectors.mapping(Row::attachment, Collectors.toList())));
    }

    /** The attachments of one message with their contents, in the order they were added. */
    List<AttachmentContent> contentsOf(long messageId) {
        return contentsOf(List.of(messageId)).getOrDefault(messageId, List.of());
    }

    /** The attachments of these messages, each message's in the order they were added, in one query. */
    Map<Long, List<AttachmentContent>> contentsOf(Collection<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, List<AttachmentContent>> byMessage = new HashMap<>();
        jdbc.sql("SELECT " + CONTENT_COLUMNS + ", message_id FROM attachments WHERE message_id IN (:ids) ORDER BY id")
                .param("ids", messageIds)
                .query(rs -> {
                    byMessage
                            .computeIfAbsent(rs.getLong(6), k -> new ArrayList<>())
                            .add(content(rs));
                });
        return byMessage;
    }

    public Optional<AttachmentContent> content(long id) {
        return jdbc.sql("SELECT " + CONTENT_COLUMNS + " FROM attachments WHERE id = ?")
                .param(id)
                .query((rs, n) -> content(rs))
                .optional();
    }

    /** The record of the message an attachment belongs to; empty for an unknown one, or one of no message. */
    Optional<Long> recordOf(long attachmentId) {
        return jdbc.sql("SELECT m.record_id FROM attachments a JOIN messages m ON m.id = a.message_id WHERE a.id = ?")
                .param(attachmentId)
                .query(Long.class)
                .optional();
    }

    private static final String CONTENT_COLUMNS = "id, name, mimetype, size_bytes, content_hash";

    /** An attachment of a row of {@link #CONTENT_COLUMNS}, its bytes opened from the filestore when read. */
    private AttachmentContent content(ResultSet rs) throws SQLException {
        String hash = rs.getString(5);
        return new AttachmentContent(
                new Attachment(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)),
                () -> filestore.open(hash));
    }

    /** A valid MIME type in lower case; anything missing or malformed is served as opaque bytes. */
    private static String mimetype(String given) {
        if (given == null
                || given.length() > 255
                || !MIMETYPE.matcher(given.strip()).matches()) {
            return "application/octet-stream";
        }
        return given.strip().toLowerCase(Locale.ROOT);
    }
}
