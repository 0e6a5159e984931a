package com.perfectwork.mail.mailing;

import java.time.Duration;
import java.time.Instant;

/**
 * A CSV import into a list, as far as it went: {@code rowsRead} records of the file read ({@code bytesRead} of its
 * {@code bytesTotal} bytes, when its size was known), {@code created} new contacts, {@code updated} existing ones
 * (their name and the list), of which {@code optedOut} stay opted out of the list, and {@code invalid} lines refused,
 * each with its reason ({@link ContactImports#refusedLines}). {@code error} says why a failed import stopped.
 */
public record ContactImport(
        long id,
        long listId,
        String fileName,
        State state,
        Long bytesTotal,
        long bytesRead,
        long rowsRead,
        long created,
        long updated,
        long optedOut,
        long invalid,
        String error,
        String createdBy,
        Instant startedAt,
        Instant progressedAt,
        Instant finishedAt) {

    /**
     * How long a running import may go without writing its progress before it is taken for stopped: it writes after
     * every batch, each within seconds, so only the end of the instance that ran it stops it this long.
     */
    public static final Duration STALLED_AFTER = Duration.ofMinutes(2);

    public enum State {
        RUNNING,
        DONE,
        FAILED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Still running: neither done nor failed, nor stalled (its instance gone) as of {@code now}. */
    public boolean running(Instant now) {
        return state == State.RUNNING && !stalled(now);
    }

    /** Running by its state, yet without progress for {@link #STALLED_AFTER}: the instance running it stopped. */
    public boolean stalled(Instant now) {
        return state == State.RUNNING && progressedAt.plus(STALLED_AFTER).isBefore(now);
    }

    /** Whether the file's size is known, so that {@link #percent} says how far the import is before it is done. */
    public boolean sized() {
        return bytesTotal != null && bytesTotal > 0;
    }

    /** How much of the file is read, 0 to 100; 100 once done. Without a known size, 0 until done. */
    public int percent() {
        if (state == State.DONE) {
            return 100;
        }
        if (!sized()) {
            return 0;
        }
        return (int) Math.min(99, bytesRead * 100 / bytesTotal);
    }
}
