package com.perfectwork.mail.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The documented rule at its edges: 5 bounces within 30 days, the newest at least a week after the oldest. */
class BlacklistRuleTest {

    private static final Instant FIRST = Instant.parse("2026-11-02T09:00:00Z");
    private final BlacklistRule rule = BlacklistRule.DEFAULT;

    @Test
    void fiveBouncesSpreadOverAWeekMakeTheAddressDead() {
        List<Instant> bounces = spread(5, Duration.ofDays(7));
        assertThat(rule.verdict(bounces, "user_unknown"))
                .contains("bounced 5 times between 2026-11-02 09:00 UTC and 2026-11-09 09:00 UTC;"
                        + " last reason: user_unknown");
    }

    @Test
    void fourBouncesDoNot() {
        assertThat(rule.verdict(spread(4, Duration.ofDays(20)), "user_unknown")).isEmpty();
    }

    @Test
    void fiveBouncesWithinLessThanAWeekDoNot() {
        assertThat(rule.verdict(spread(5, Duration.ofDays(7).minusMinutes(1)), "user_unknown"))
                .isEmpty();
        assertThat(rule.verdict(spread(50, Duration.ofDays(3)), "mailbox_full")).isEmpty();
    }

    @Test
    void theWindowIsTheLastThirtyDays() {
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        assertThat(rule.windowStart(now)).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    }

    @Test
    void theNumbersAreParameters() {
        BlacklistRule strict = new BlacklistRule(2, 30, 0);
        assertThat(strict.verdict(spread(2, Duration.ZERO), "blocked")).isPresent();
        assertThat(strict.verdict(spread(1, Duration.ZERO), "blocked")).isEmpty();
    }

    /** {@code n} bounces, evenly from the first to {@code span} after it. */
    private static List<Instant> spread(int n, Duration span) {
        return IntStream.range(0, n)
                .mapToObj(i -> n == 1 ? FIRST : FIRST.plus(span.multipliedBy(i).dividedBy(n - 1)))
                .toList();
    }
}
