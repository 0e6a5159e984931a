package com.perfectwork.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromOneSecondUpToFiveMinutes() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(4));
        for (int i = 0; i < 5; i++) {
            backoff.next(); // 8, 16, 32, 64, 128 s
        }
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(256));
        assertThat(backoff.next()).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.next()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void startsAgainFromTheInitialDelayAfterAReset() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));
        backoff.next();
        backoff.next();
        backoff.reset();
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
    }
}
