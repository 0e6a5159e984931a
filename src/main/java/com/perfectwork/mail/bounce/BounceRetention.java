package com.perfectwork.mail.bounce;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The bounce log's share of the garbage collection: bounces older than asked are deleted, but never those the
 * auto-blacklist rule still counts ({@code mail.bounce.blacklist.days}).
 */
@Component
public class BounceRetention {

    private final JdbcClient jdbc;
    private final BounceSettings settings;
    private final Clock clock;

    BounceRetention(JdbcClient jdbc, BounceSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** Deletes up to {@code limit} bounces received before {@code before}, in one statement; returns how many. */
    public int deleteBatch(Instant before, int limit) {
        Instant counted =
                clock.instant().minus(Duration.ofDays(settings.blacklistRule().days()));
        Instant until = before.isBefore(counted) ? before : counted;
        return jdbc.sql("""
                        DELETE FROM bounces WHERE id IN (
                            SELECT id FROM bounces WHERE received_at < :before ORDER BY id FETCH FIRST :limit ROWS ONLY)""")
                .param("before", until.atOffset(ZoneOffset.UTC))
                .param("limit", limit)
                .update();
    }
}
