package com.perfectwork.mail.deliverability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

/** Simple body canonicalization (RFC 6376 §3.4.3), the l= limit (§3.5), and a body fed in pieces. */
class CanonicalBodyTest {

    @Test
    void simpleKeepsWhitespaceAndDropsOnlyTrailingEmptyLines() throws Exception {
        assertThat(hash(Canonicalization.SIMPLE, -1, " C \r\nD \t E\r\n\r\n\r\n"))
                .isEqualTo(sha256(" C \r\nD \t E\r\n"));
        assertThat(hash(Canonicalization.SIMPLE, -1, "")).isEqualTo(sha256("\r\n"));
        assertThat(hash(Canonicalization.SIMPLE, -1, "\r\n\r\n")).isEqualTo(sha256("\r\n"));
        assertThat(hash(Canonicalization.SIMPLE, -1, "no line end")).isEqualTo(sha256("no line end\r\n"));
    }

    @Test
    void theLimitHashesTheFirstCanonicalBytesAndCountsThemAll() throws Exception {
        CanonicalBody body = Canonicalization.RELAXED.body(5);
        byte[] text = "one  two\r\nthree\r\n".getBytes(StandardCharsets.US_ASCII);
        body.update(text, 0, text.length);
        assertThat(body.digest()).isEqualTo(sha256("one t"));
        assertThat(body.length()).isEqualTo("one two\r\nthree\r\n".length());
    }

    @Test
    void aBodyFedByteByByteHashesAsAWholeOne() {
        String text = "a \t b\r\n\r\n\rbare CR\nbare LF\r\n  \r\nend\r";
        for (Canonicalization canonicalization : Canonicalization.values()) {
            CanonicalBody pieces = canonicalization.body(-1);
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < bytes.length; i++) {
                pieces.update(bytes, i, i + 1);
            }
            assertThat(pieces.digest()).isEqualTo(hash(canonicalization, -1, text));
        }
        assertThat(hash(Canonicalization.RELAXED, -1, "x\ny\n"))
                .isEqualTo(hash(Canonicalization.RELAXED, -1, "x\r\ny\r\n"));
    }

    private static byte[] hash(Canonicalization canonicalization, long limit, String text) {
        CanonicalBody body = canonicalization.body(limit);
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        body.update(bytes, 0, bytes.length);
        return body.digest();
    }

    private static byte[] sha256(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
    }
}
