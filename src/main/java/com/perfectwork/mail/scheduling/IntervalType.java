package com.perfectwork.mail.scheduling;

import java.time.temporal.ChronoUnit;

/** The unit of a scheduled action's interval. */
public enum IntervalType {
    MINUTES(ChronoUnit.MINUTES),
    HOURS(ChronoUnit.HOURS),
    DAYS(ChronoUnit.DAYS);

    private final ChronoUnit unit;

    IntervalType(ChronoUnit unit) {
        this.unit = unit;
    }

    ChronoUnit unit() {
        return unit;
    }
}
