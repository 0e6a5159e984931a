package com.perfectwork.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Error replies counted on their way out, and the session ended with 421 at the limit. */
class SessionErrorsTest {

    @Test
    void errorRepliesCountButTheServersOwnTroubleAndTooManyRecipientsDoNot() {
        assertThat(SessionErrors.isError("500 5.5.2 command not recognized")).isTrue();
        assertThat(SessionErrors.isError("550 5.1.1 not ours")).isTrue();
        assertThat(SessionErrors.isError("503 Error: need RCPT command")).isTrue();
        assertThat(SessionErrors.isError("554 5.6.0 the mail cannot be processed"))
                .isTrue();
        assertThat(SessionErrors.isError("250 Ok")).isFalse();
        assertThat(SessionErrors.isError("550-first line of a longer reply")).isFalse();
        assertThat(SessionErrors.isError("421 4.4.2 timeout")).isFalse();
        assertThat(SessionErrors.isError("451 4.3.2 busy")).isFalse();
        assertThat(SessionErrors.isError("452 4.3.1 insufficient system storage"))
                .isFalse();
        assertThat(SessionErrors.isError("452 4.5.3 too many recipients")).isFalse();
    }

    @Test
    void theReplyThatReachesTheLimitIsFollowedBy421AndTheSessionReadsNoMore() throws IOException {
        SessionErrors errors = new SessionErrors(2);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        OutputStream out = errors.output(wire);
        InputStream in = errors.input(new ByteArrayInputStream("NOOP\r\n".getBytes(StandardCharsets.US_ASCII)));

        reply(out, "500 5.5.2 command not recognized");
        reply(out, "250 Ok");
        assertThat(in.read()).as("one error: the session goes on").isEqualTo('N');
        reply(out, "550 5.1.1 not ours");
        reply(out, "250 Ok");

        assertThat(wire.toString(StandardCharsets.US_ASCII))
                .isEqualTo("500 5.5.2 command not recognized\r\n250 Ok\r\n550 5.1.1 not ours\r\n"
                        + "421 4.7.0 too many errors, closing the connection\r\n");
        assertThat(in.read()).as("ended: its input ends").isEqualTo(-1);
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
