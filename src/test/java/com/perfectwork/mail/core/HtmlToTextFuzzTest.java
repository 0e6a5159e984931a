package com.perfectwork.mail.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.MethodSource;

/** Any text read as HTML: its plain text is made within the time limit, and ends a line. */
class HtmlToTextFuzzTest {

    @MethodSource("com.perfectwork.mail.FuzzSeeds#replies")
    @FuzzTest(maxDuration = "5m")
    @Timeout(3)
    void convertsAnyHtml(byte[] raw) {
        assertThat(HtmlToText.convert(new String(raw, StandardCharsets.UTF_8))).endsWith("\n");
    }
}
