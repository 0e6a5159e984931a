package com.perfectwork.mail.outgoing;

import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The queue's share of the garbage collection: mails sent (or canceled by an administrator) long ago are deleted;
 * a mail waiting, failed ({@code exception}) or bounced stays until someone deals with it. The claim of due mails
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
}
