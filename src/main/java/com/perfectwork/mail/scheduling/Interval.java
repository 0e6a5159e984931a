package com.perfectwork.mail.scheduling;

import com.perfectwork.mail.core.InvalidInputException;
import java.time.Duration;
import java.util.Locale;

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

    /** As a page says it: "5 minutes", "1 hour". */
    public String inWords() {
        String unit = type.name().toLowerCase(Locale.ROOT);
        return number + " " + (number == 1 ? unit.substring(0, unit.length() - 1) : unit);
    }

    public Duration duration() {
        return Duration.of(number, type.unit());
    }
}
