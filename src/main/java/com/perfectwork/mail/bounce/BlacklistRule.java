package com.perfectwork.mail.bounce;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * When bounces make an address dead, as the documentation says: at least {@code count} bounces within the last
 * {@code days} days, the newest at least {@code spreadDays} days after the oldest — so that a mail server's one
 * bad day (every mail of the day bouncing) never blacklists anyone.
 */
record BlacklistRule(int count, int days, int spreadDays) {

    static final BlacklistRule DEFAULT = new BlacklistRule(5, 30, 7);

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** Where the window of bounces that count starts. */
    Instant windowStart(Instant now) {
        return now.minus(Duration.ofDays(days));
    }

    /**
     * The blacklist note when the bounces of an address (those within the window, oldest first) make it dead.
     *
     * @param lastReason the newest bounce's reason, as the note gives it
     */
    Optional<String> verdict(List<Instant> bounces, String lastReason) {
        if (bounces.size() < count) {
            return Optional.empty();
        }
        Instant first = bounces.get(0);
        Instant last = bounces.get(bounces.size() - 1);
        if (Duration.between(first, last).compareTo(Duration.ofDays(spreadDays)) < 0) {
            return Optional.empty();
        }
        return Optional.of("bounced " + bounces.size() + " times between " + DAY.format(first) + " and "
                + DAY.format(last) + "; last reason: " + lastReason);
    }
}
