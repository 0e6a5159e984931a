package com.perfectwork.mail.inbound;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any bytes read as a header block, as the inbound log lists a mail before parsing it: the headers are read and their
 * encoded words (RFC 2047) decoded within the time limit, and reading never fails.
 */
class HeadlineFuzzTest {

    @MethodSource("com.perfectwork.mail.FuzzSeeds#mails")
    @FuzzTest(maxDuration = "5m")
    @Timeout(3)
    void decodesAnyHeaders(byte[] raw) {
        Headline.of(raw);
    }
}
