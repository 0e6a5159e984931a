package com.perfectwork.mail.mailing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TraceTokenTest {

    final TraceToken tokens = new TraceToken("a key for the test".getBytes(StandardCharsets.UTF_8));

    @Test
    void aSignedTokenNamesItsTrace() {
        String token = tokens.sign(42);
        assertThat(token).startsWith("42.").hasSize(3 + 16);
        assertThat(tokens.verify(token)).hasValue(42);
        assertThat(TraceToken.traceIdOf(token)).hasValue(42);
    }

    @Test
    void aChangedNumberOrSignatureOrAnotherKeyIsRefused() {
        String token = tokens.sign(42);
        assertThat(tokens.verify("43" + token.substring(2))).isEmpty();
        assertThat(tokens.verify(token.substring(0, token.length() - 1) + "A")).isEmpty();
        assertThat(new TraceToken("another key".getBytes(StandardCharsets.UTF_8)).verify(token))
                .isEmpty();
        assertThat(tokens.verify("test")).isEmpty();
        assertThat(tokens.verify("42.")).isEmpty();
        assertThat(tokens.verify("-1." + token.substring(3))).isEmpty();
        assertThat(tokens.verify("x.y")).isEmpty();
        assertThat(tokens.verify(null)).isEmpty();
    }
}
