package com.perfectwork.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MailCaptureTest {

    private static final String MAIL = "From: a@example.com\r\nSubject: Hi\r\n\r\nBody line\r\n\r\nmore\r\n";

    @Test
    void keepsTheHeaderBlockAndPassesEveryByteOn() throws IOException {
        MailCapture capture = new MailCapture(stream(MAIL), 1024);
        assertThat(new String(capture.readAllBytes(), StandardCharsets.US_ASCII))
                .isEqualTo(MAIL);
        assertThat(text(capture.head())).isEqualTo("From: a@example.com\r\nSubject: Hi\r\n\r\n");
    }

    @Test
    void findsTheEmptyLineAcrossReadsOfAnySize() throws IOException {
        for (int chunk = 1; chunk <= MAIL.length(); chunk++) {
            MailCapture capture = new MailCapture(stream(MAIL), 1024);
            byte[] buffer = new byte[chunk];
            while (capture.read(buffer, 0, chunk) >= 0) {
                // drained in pieces of this size
            }
            assertThat(text(capture.head())).as("chunks of %d", chunk).endsWith("Subject: Hi\r\n\r\n");
        }
        MailCapture oneByOne = new MailCapture(stream(MAIL), 1024);
        while (oneByOne.read() >= 0) {
            // byte by byte
        }
        assertThat(text(oneByOne.head())).endsWith("Subject: Hi\r\n\r\n");
    }

    @Test
    void bareLineFeedsAndTheLimitEndTheCapture() throws IOException {
        MailCapture unix = new MailCapture(stream("Subject: Hi\n\nBody\n"), 1024);
        unix.readAllBytes();
        assertThat(text(unix.head())).isEqualTo("Subject: Hi\n\n");
        MailCapture cut = new MailCapture(stream(MAIL), 10);
        assertThat(cut.readAllBytes()).hasSize(MAIL.length());
        assertThat(text(cut.head())).isEqualTo("From: a@ex");
    }

    @Test
    void aMailWithinTheLimitIsKeptWholeOnceReadToItsEnd() throws IOException {
        MailCapture small = new MailCapture(stream(MAIL), MAIL.length());
        assertThat(small.whole()).as("not read yet").isNull();
        small.readAllBytes();
        assertThat(text(small.whole())).isEqualTo(MAIL);
        MailCapture large = new MailCapture(stream(MAIL), MAIL.length() - 1);
        large.readAllBytes();
        assertThat(large.whole()).as("one byte over the limit").isNull();
        assertThat(text(large.head())).isEqualTo("From: a@example.com\r\nSubject: Hi\r\n\r\n");
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
