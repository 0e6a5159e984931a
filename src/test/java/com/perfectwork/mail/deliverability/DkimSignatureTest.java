package com.perfectwork.mail.deliverability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Relaxed canonicalization as RFC 6376 section 3.4.5 shows it, and the empty-body hash of section 3.4.4. */
class DkimSignatureTest {

    @Test
    void relaxedHeadersAreLowerCasedUnfoldedAndTheirWhitespaceCompressed() {
        assertThat(Canonicalization.RELAXED.header("A: X")).isEqualTo("a:X");
        assertThat(Canonicalization.RELAXED.header("B : Y\t\r\n\tZ  ")).isEqualTo("b:Y Z");
    }

    @Test
    void relaxedBodyCompressesWhitespaceAndDropsTrailingEmptyLines() throws Exception {
        byte[] body = " C \r\nD \t E\r\n\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(DkimSignature.bodyHash(body, 0)).isEqualTo(sha256(" C\r\nD E\r\n"));
    }

    @Test
    void aLastLineWithoutItsLineEndGetsOne() throws Exception {
        byte[] body = "one\r\ntwo  ".getBytes(StandardCharsets.US_ASCII);
        assertThat(DkimSignature.bodyHash(body, 0)).isEqualTo(sha256("one\r\ntwo\r\n"));
    }

    @Test
    void anEmptyBodyHashesAsNothing() {
        // RFC 6376 errata 3192: the relaxed canonical form of an empty body is empty
        assertThat(Base64.getEncoder().encodeToString(DkimSignature.bodyHash(new byte[0], 0)))
                .isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
        assertThat(DkimSignature.bodyHash("\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0))
                .isEqualTo(DkimSignature.bodyHash(new byte[0], 0));
    }

    private static byte[] sha256(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
    }
}
