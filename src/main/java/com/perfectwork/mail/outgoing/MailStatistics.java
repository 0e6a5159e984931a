package com.perfectwork.mail.outgoing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the outgoing queue did, for the dashboard and the settings' status: mails sent, failed and bounced per
 * UTC day, and what waits now. Sent mails are counted as the daily limit counts them (one row per day), failed
 * and bounced ones by the day of their last attempt, through the index on state and schedule: no query here
 * reads the whole queue.
 */
@Component
public class MailStatistics {

    /** A day's figures. */
    public record Day(LocalDate day, long sent, long failed, long bounced) {}

    /** Mails waiting to be sent (new or retrying), and since when the oldest of them waits. */
    public record Waiting(long count, Optional<Instant> oldestSince) {}

    private final JdbcClient jdbc;

    MailStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The {@code days} days up to {@code today}, oldest first, every day present (zeros where nothing happened). */
    @Transactional(readOnly = true)
    public List<Day> lastDays(LocalDate today, int days) {
        LocalDate first = today.minusDays(days - 1L);
        Map<LocalDate, Long> sent = new HashMap<>();
        jdbc.sql("SELECT sent_on, sent FROM mail_daily_counts WHERE sent_on >= ? AND sent_on <= ?")
                .params(first, today)
                .query(rs -> {
                    sent.put(rs.getObject(1, LocalDate.class), rs.getLong(2));
                });
        Map<LocalDate, Long> failed = perDay(MailState.EXCEPTION, first, today);
        Map<LocalDate, Long> bounced = perDay(MailState.BOUNCE, first, today);
        List<Day> result = new ArrayList<>(days);
        for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
            result.add(new Day(
                    day, sent.getOrDefault(day, 0L), failed.getOrDefault(day, 0L), bounced.getOrDefault(day, 0L)));
        }
        return result;
    }

    /** Mails sent on a UTC day, as the daily limit counts them. */
    public long sentOn(LocalDate day) {
        return jdbc.sql("SELECT sent FROM mail_daily_counts WHERE sent_on = ?")
                .param(day)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    public Waiting waiting() {
        return jdbc.sql("SELECT COUNT(*), MIN(created_at) FROM outgoing_mails WHERE state = 'outgoing'")
                .query((rs, n) -> new Waiting(
                        rs.getLong(1),
                        Optional.ofNullable(rs.getObject(2, OffsetDateTime.class))
                                .map(OffsetDateTime::toInstant)))
                .single();
    }

    /**
     * Mails in {@code state} per UTC day of their last attempt; the days are cut in Java so that the database's
     * own time zone does not move them.
     */
    private Map<LocalDate, Long> perDay(MailState state, LocalDate first, LocalDate last) {
        Map<LocalDate, Long> counts = new HashMap<>();
        jdbc.sql("SELECT scheduled_at FROM outgoing_mails WHERE state = ? AND scheduled_at >= ? AND scheduled_at < ?")
                .params(
                        state.code(),
                        first.atStartOfDay().atOffset(ZoneOffset.UTC),
                        last.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC))
                .query(rs -> {
                    counts.merge(
                            rs.getObject(1, OffsetDateTime.class)
                                    .withOffsetSameInstant(ZoneOffset.UTC)
                                    .toLocalDate(),
                            1L,
                            Long::sum);
                });
        return counts;
    }
}
