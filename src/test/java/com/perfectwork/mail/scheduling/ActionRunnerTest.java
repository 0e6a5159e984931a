package com.perfectwork.mail.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.perfectwork.mail.core.InvalidInputException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ActionRunnerTest {

    private static final Instant NINE = Instant.parse("2026-03-01T09:00:00Z");

    @Test
    void theNextCallIsOneIntervalLaterWhenTheRunWasOnTime() {
        assertThat(ActionRunner.nextCallAfter(NINE, Interval.minutes(5), NINE.plusSeconds(2)))
                .isEqualTo(Instant.parse("2026-03-01T09:05:00Z"));
    }

    @Test
    void missedCallsAreSkippedKeepingTheRhythm() {
        // the server was down from 9:00 to 9:17: the next call is 9:20, not 9:22 nor a burst of catch-up runs
        assertThat(ActionRunner.nextCallAfter(NINE, Interval.minutes(5), Instant.parse("2026-03-01T09:17:00Z")))
                .isEqualTo(Instant.parse("2026-03-01T09:20:00Z"));
    }

    @Test
    void aRunEndingExactlyOnABoundaryGoesToTheNextOne() {
        assertThat(ActionRunner.nextCallAfter(
                        NINE, new Interval(1, IntervalType.HOURS), Instant.parse("2026-03-01T10:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-01T11:00:00Z"));
    }

    @Test
    void aNextCallSetInTheFutureByHandMovesOnlyOneInterval() {
        Instant future = NINE.plusSeconds(3600);
        assertThat(ActionRunner.nextCallAfter(future, Interval.minutes(5), NINE))
                .isEqualTo(future.plusSeconds(300));
    }

    @Test
    void intervalsAreAtLeastOneAndAtMostAYear() {
        assertThatThrownBy(() -> Interval.minutes(0))
                .isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("field", "intervalNumber");
        assertThatThrownBy(() -> new Interval(367, IntervalType.DAYS)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new Interval(1, null))
                .isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("field", "intervalType");
        assertThat(new Interval(366, IntervalType.DAYS).duration().toDays()).isEqualTo(366);
    }
}
