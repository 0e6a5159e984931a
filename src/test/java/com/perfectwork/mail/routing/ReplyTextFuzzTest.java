package com.perfectwork.mail.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.MethodSource;

/** Any text stripped of its quoted history: the new part ends within the time limit and is never longer. */
class ReplyTextFuzzTest {

    @MethodSource("com.perfectwork.mail.FuzzSeeds#replies")
    @FuzzTest(maxDuration = "5m")
    @Timeout(3)
    void stripsAnyText(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);

        assertThat(ReplyText.strip(text).length()).isLessThanOrEqualTo(text.length());
    }
}
