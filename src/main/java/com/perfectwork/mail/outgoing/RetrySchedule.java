package com.perfectwork.mail.outgoing;

import java.time.Duration;
import java.time.Instant;

/**
 * When a temporarily failed mail is tried again: after the initial delay, doubling each attempt up to the
 * maximum delay, until the mail has been failing for the give-up period (then it is an exception).
 */
record RetrySchedule(Duration initialDelay, Duration maxDelay, Duration giveUpAfter) {

    static RetrySchedule of(OutgoingSettings.Retry retry) {
        return new RetrySchedule(retry.initialDelay(), retry.maxDelay(), retry.giveUpAfter());
    }

    /** The delay before attempt number {@code attempts + 1}, given {@code attempts} failed ones (at least 1). */
    Duration delayAfter(int attempts) {
        Duration delay = initialDelay;
        for (int i = 1; i < attempts && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    /** True when a mail failing since {@code firstAttempt} should not be tried again at {@code now}. */
    boolean givesUp(Instant firstAttempt, Instant now) {
        return !now.isBefore(firstAttempt.plus(giveUpAfter));
    }
}
