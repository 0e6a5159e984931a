package com.perfectwork.mail.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageIdTest {

    @Test
    void generatedIdsAreRfc5322IdsOnTheGivenDomain() {
        MessageId id = MessageId.generate(Instant.parse("2026-01-02T03:04:05Z"), "mycompany.com");
        assertThat(id.value()).matches("<1767323045000\\.[0-9a-f]{16}@mycompany\\.com>");
    }

    @Test
    void generatedIdsDoNotRepeatWithinTheSameMillisecond() {
        Instant now = Instant.now();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(MessageId.generate(now, "example.com").value());
        }
        assertThat(ids).hasSize(10_000);
    }
}
