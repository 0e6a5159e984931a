package com.perfectwork.mail.scheduling;

import com.perfectwork.mail.core.InvalidInputException;
import java.time.Duration;

/** Every {@code number} {@code type}s: "every 5 minutes". */
public record Interval(int number, IntervalType type) {

    public Interval {
        if (number < 1) {
            throw new InvalidInputException("intervalNumber", "must be at least 1");
        }
        if (type == null) {
            throw new InvalidInputException("intervalType", "must be minutes, hours or days");
        }
        if (Duration.of(number, type.unit()).compareTo(Duration.ofDays(366)) > 0) {
            throw new InvalidInputException("intervalNumber", "must make an interval of at most a year");
        }
    }

    public static Interval minutes(int number) {
        return new Interval(number, IntervalType.MINUTES);
    }

    public Duration duration() {
        return Duration.of(number, type.unit());
    }
}
