package com.perfectwork.mail.outgoing;

import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The queue's share of the garbage collection: mails sent (or canceled) long ago are deleted, mass mails as the others,
 * then the mass mail templates no mail refers to any more; a mail waiting, failed ({@code exception}) or bounced stays
 * until someone deals with it. The claim of due mails
 * never meets these rows: deleting them does not hold the queue back.
 */
@Component
public class QueueRetention {

    private final JdbcClient jdbc;

    QueueRetention(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Deletes up to {@code limit} mails sent (canceled: created) before {@code before}, the oldest first, in one
     * statement committed on its own; returns how many. Idempotent: a second runner deletes what is left.
     */
    public int deleteBatch(Instant before, int limit) {
        return jdbc.sql("""
                        DELETE FROM outgoing_mails WHERE id IN (
                            SELECT id FROM outgoing_mails
                            WHERE (state = 'sent' AND sent_at < :before) OR (state = 'cancel' AND created_at < :before)
                            ORDER BY id FETCH FIRST :limit ROWS ONLY)""")
                .param("before", OutgoingMails.utc(before))
                .param("limit", limit)
                .update();
    }

    /**
     * Deletes up to {@code limit} bulk messages (mass mail templates) created before {@code before} that no mail of
     * the queue refers to any more (all sent or canceled long ago, and deleted), the oldest first; returns how many.
     */
    public int deleteBulkMessages(Instant before, int limit) {
        return jdbc.sql("""
                        DELETE FROM bulk_messages WHERE id IN (
                            SELECT b.id FROM bulk_messages b
                            WHERE b.created_at < :before
                              AND NOT EXISTS (SELECT 1 FROM outgoing_mails m WHERE m.bulk_message_id = b.id)
                            ORDER BY b.id FETCH FIRST :limit ROWS ONLY)""")
                .param("before", OutgoingMails.utc(before))
                .param("limit", limit)
                .update();
    }
}
