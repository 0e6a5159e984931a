package com.perfectwork.mail.inbound;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The inbound log's share of the garbage collection: received mails processed long ago (posted, created, bounces,
 * rejected, dropped, duplicates) lose their entry, and with it the reference to their raw bytes; a mail that failed
 * (or was never processed) stays until someone retries it.
 */
@Component
public class InboundRetention {

    private static final List<String> PROCESSED = Arrays.stream(InboundOutcome.values())
            .filter(outcome -> !outcome.retryable())
            .map(InboundOutcome::code)
            .toList();

    private final JdbcClient jdbc;

    InboundRetention(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Deletes up to {@code limit} entries of mails processed before {@code before}, the oldest first, in one statement
     * committed on its own; returns how many.
     */
    public int deleteBatch(Instant before, int limit) {
        return jdbc.sql("""
                        DELETE FROM inbound_mails WHERE id IN (
                            SELECT id FROM inbound_mails WHERE outcome IN (:processed) AND processed_at < :before
                            ORDER BY id FETCH FIRST :limit ROWS ONLY)""")
                .param("processed", PROCESSED)
                .param("before", before.atOffset(ZoneOffset.UTC))
                .param("limit", limit)
                .update();
    }
}
