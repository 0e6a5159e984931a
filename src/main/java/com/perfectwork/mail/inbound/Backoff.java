package com.perfectwork.mail.inbound;

import java.time.Duration;

/** Exponential backoff: the initial delay, doubling at each failure up to the maximum, back to the start on reset. */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private Duration next;

    Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /** The delay before the next attempt; the one after is twice as long, at most the maximum. */
    Duration next() {
        Duration delay = next;
        next = delay.multipliedBy(2).compareTo(max) > 0 ? max : delay.multipliedBy(2);
        return delay;
    }

    void reset() {
        next = initial;
    }
}
