package com.perfectwork.mail.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IntervalTest {

    @Test
    void anIntervalIsSaidInWordsWithTheUnitSingularForOne() {
        assertThat(Interval.minutes(5).inWords()).isEqualTo("5 minutes");
        assertThat(new Interval(1, IntervalType.HOURS).inWords()).isEqualTo("1 hour");
        assertThat(new Interval(1, IntervalType.DAYS).inWords()).isEqualTo("1 day");
    }
}
