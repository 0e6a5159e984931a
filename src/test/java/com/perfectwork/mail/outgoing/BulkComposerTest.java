package com.perfectwork.mail.outgoing;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One mass mail composed from its template and its recipient's token, read back as a client parses it. */
class BulkComposerTest {

    @Test
    void theTokenReplacesEveryPlaceholderAndTheSubjectStaysAsWritten() throws Exception {
        MimeMessage mail = composed(template("https://x.example/u/{{token}}", "unsubscribe+{{token}}@x.example"), "t1");
        assertThat(mail.getSubject()).isEqualTo("News for {{token}}");
        MimeMultipart alternative = (MimeMultipart) mail.getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        assertThat((String) alternative.getBodyPart(0).getContent())
                .isEqualToNormalizingNewlines("Code t1, again t1.\n");
        assertThat((String) alternative.getBodyPart(1).getContent())
                .isEqualTo("<p><a href=\"https://x.example/c/t1\">é</a></p>");
        assertThat(mail.getHeader("X-Campaign", null)).isEqualTo("c-t1");
        assertThat(mail.getHeader("Message-ID", null)).isEqualTo("<bulk.t1@x.example>");
    }

    @Test
    void theUnsubscribeHeadersFollowRfc2369AndRfc8058() throws Exception {
        MimeMessage both = composed(template("https://x.example/u/{{token}}", "unsubscribe+{{token}}@x.example"), "t1");
        assertThat(MimeUtility.unfold(both.getHeader("List-Unsubscribe", null)))
                .isEqualTo("<https://x.example/u/t1>, <mailto:unsubscribe+t1@x.example>");
        assertThat(both.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(both.getHeader("Precedence", null)).isEqualTo("bulk");
        assertThat(both.getHeader("Auto-Submitted")).isNull();

        MimeMessage mailtoOnly = composed(template(null, "unsubscribe+{{token}}@x.example"), "t2");
        assertThat(mailtoOnly.getHeader("List-Unsubscribe", null)).isEqualTo("<mailto:unsubscribe+t2@x.example>");
        assertThat(mailtoOnly.getHeader("List-Unsubscribe-Post"))
                .as("no one-click without a URL")
                .isNull();

        MimeMessage neither = composed(template(null, null), "t3");
        assertThat(neither.getHeader("List-Unsubscribe")).isNull();
        assertThat(neither.getHeader("Precedence", null)).isEqualTo("bulk");
    }

    @Test
    void aTemplateWithoutPlaceholderIsTheSameForEveryone() {
        BulkTemplate.Text text = BulkTemplate.Text.of("no placeholder");
        assertThat(text.with("a")).isEqualTo("no placeholder");
        assertThat(BulkTemplate.Text.of("{{token}}{{token}}").with("ab")).isEqualTo("abab");
        assertThat(BulkTemplate.Text.of("x {{token}} y").with(null)).isEqualTo("x  y");
    }

    private static BulkTemplate template(String url, String mailto) {
        return new BulkTemplate(
                1,
                new BulkMessage(
                        "News for {{token}}",
                        "<p><a href=\"https://x.example/c/{{token}}\">é</a></p>",
                        "Code {{token}}, again {{token}}.\n",
                        "news@x.example",
                        null,
                        null,
                        url,
                        mailto,
                        Map.of("X-Campaign", "c-{{token}}")));
    }

    /** Composed, written as it goes on the wire, and parsed again. */
    private static MimeMessage composed(BulkTemplate template, String token) throws Exception {
        NotificationMail mail = BulkComposer.compose(
                template,
                token,
                "<bulk." + token + "@x.example>",
                new InternetAddress("news@x.example"),
                new InternetAddress("reader@customer.example"),
                null,
                Instant.EPOCH);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        mail.writeTo(bytes);
        return new MimeMessage(NotificationComposer.BUILDER, new ByteArrayInputStream(bytes.toByteArray()));
    }
}
