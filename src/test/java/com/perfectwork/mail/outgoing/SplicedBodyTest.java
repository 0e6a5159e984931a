package com.perfectwork.mail.outgoing;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The body encoded once with the token spliced in reads back exactly as the body encoded for its recipient. */
class SplicedBodyTest {

    private static final String TOKEN = "123456.Zm9vYmFyYmF6cXV4LV9yYW5kb21zaWduYXR1cmU";

    @Test
    void aSplicedBodyDecodesToTheTextWithItsToken() throws Exception {
        for (String text : List.of(
                "Code {{token}}, again {{token}}.\n",
                "{{token}}{{token}}",
                "a line with a trailing space {{token}} and = signs, tabs\tand é ü 漢字 {{token}}",
                "x".repeat(200) + "{{token}}" + "y".repeat(75) + " \r\nnext line ending in a space \n{{token}}",
                "no placeholder at all, " + "long ".repeat(40))) {
            String html = "<p><a href=\"https://x.example/c/{{token}}\">" + text + "</a></p>";
            MimeMultipart spliced = parts(spliced(text, html, TOKEN));
            MimeMultipart whole = parts(NotificationComposer.encode(
                    BulkTemplate.Text.of(text).with(TOKEN),
                    BulkTemplate.Text.of(html).with(TOKEN),
                    List.of()));
            for (int part = 0; part < 2; part++) {
                assertThat(spliced.getBodyPart(part).getContent())
                        .as("part %d of %s", part, text)
                        .isEqualTo(whole.getBodyPart(part).getContent());
                assertThat(spliced.getBodyPart(part).getContentType())
                        .isEqualTo(whole.getBodyPart(part).getContentType());
            }
        }
    }

    @Test
    void everyLineStaysWithinSeventySixCharactersAndEveryEqualsSignIsAnEscape() {
        String text = ("word ".repeat(20) + "{{token}}").repeat(5) + "=";
        String body = new String(spliced(text, "<p>" + text + "</p>", TOKEN).bytes(), StandardCharsets.US_ASCII);
        for (String line : body.split("\r\n", -1)) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(76);
            if (!line.startsWith("--") && !line.startsWith("Content-")) { // boundaries and part headers
                assertThat(line).as(line).doesNotContainPattern("=(?![0-9A-F]{2}|$)");
            }
        }
        assertThat(body).doesNotContain("{{token}}").contains("=\r\n" + TOKEN + "=\r\n");
    }

    @Test
    void theBodyEncodedOnceHasNoPreambleNorAHeaderOfTheMessageItWasWrittenIn() throws Exception {
        NotificationMail.EncodedBody body = NotificationComposer.encode("Hello\n", "<p>Hello</p>", List.of());
        String written = new String(body.bytes(), StandardCharsets.US_ASCII);
        String boundary = new jakarta.mail.internet.ContentType(body.contentType()).getParameter("boundary");
        // a client hides a preamble, but it must not carry a line of the message (a Date: was left there)
        assertThat(written).startsWith("--" + boundary + "\r\n").doesNotContain("Date:");
        assertThat(parts(body).getPreamble()).isNull();
    }

    @Test
    void onlyATokenWrittenAsItselfOnOneLineCanBeSpliced() {
        assertThat(SplicedBody.canSplice(TOKEN)).isTrue();
        assertThat(SplicedBody.canSplice("test")).isTrue();
        assertThat(SplicedBody.canSplice(null)).isTrue();
        assertThat(SplicedBody.canSplice("a=b")).isFalse();
        assertThat(SplicedBody.canSplice("a b")).isFalse();
        assertThat(SplicedBody.canSplice("é")).isFalse();
        assertThat(SplicedBody.canSplice("t".repeat(73))).isFalse();
    }

    private static NotificationMail.EncodedBody spliced(String text, String html, String token) {
        return SplicedBody.of(BulkTemplate.Text.of(text), BulkTemplate.Text.of(html))
                .with(token);
    }

    /** The body in a message of its own, parsed back as a client parses it. */
    private static MimeMultipart parts(NotificationMail.EncodedBody body) throws Exception {
        NotificationMail mail = new NotificationMail(NotificationComposer.BUILDER, "<x@x.example>", body);
        mail.setSubject("s");
        mail.saveChanges();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        mail.writeTo(wire);
        MimeMessage read = new MimeMessage(NotificationComposer.BUILDER, new ByteArrayInputStream(wire.toByteArray()));
        return (MimeMultipart) read.getContent();
    }
}
