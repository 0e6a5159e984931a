package com.perfectwork.mail.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.perfectwork.mail.HostileMail;
import jakarta.mail.MessagingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The text of a received mail whatever its charset label says, as senders get it wrong. */
class MailParserTest {

    private final MailParser parser =
            new MailParser(Clock.fixed(Instant.parse("2026-11-24T18:00:00Z"), ZoneOffset.UTC));

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "labelled us-ascii, written in UTF-8       | charset=us-ascii   | UTF-8",
                "labelled UTF-8, written in ISO-8859-1     | charset=utf-8      | ISO-8859-1",
                "no label, written in UTF-8                | format=flowed      | UTF-8",
                "no label, written in ISO-8859-1           | format=flowed      | ISO-8859-1",
                "labelled windows-1252, written in it      | charset=windows-1252 | windows-1252",
                "unknown label, written in UTF-8           | charset=x-klingon  | UTF-8",
            })
    void readsEightBitTextWhateverItsLabelSays(String sender, String parameter, String written) throws Exception {
        String text = "Grüße aus Köln, café für 50 Stühle";
        byte[] raw = ("From: ann@customer.example\r\nTo: catchall@mycompany.example\r\nSubject: test\r\n"
                        + "MIME-Version: 1.0\r\nContent-Type: text/plain; " + parameter + "\r\n"
                        + "Content-Transfer-Encoding: 8bit\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] body = (text + "\r\n").getBytes(Charset.forName(written));
        byte[] mail = new byte[raw.length + body.length];
        System.arraycopy(raw, 0, mail, 0, raw.length);
        System.arraycopy(body, 0, mail, raw.length, body.length);

        assertThat(parser.parse(mail).text().strip()).as(sender).isEqualTo(text);
    }

    @Test
    void anHtmlOnlyReplyHasTheTextOfItsHtmlSoItsNewPartCanBeFound() throws Exception {
        byte[] raw = ("From: ann@customer.example\r\nTo: catchall@mycompany.example\r\nSubject: Re: chairs\r\n"
                        + "MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                        + "<div dir=\"ltr\">Yes, <b>50</b> chairs.<br>Ann</div><br><div class=\"gmail_quote\">"
                        + "<div class=\"gmail_attr\">On Tue, Dec 1, 2026 at 10:00 AM Mary &lt;mary@mycompany.example&gt;"
                        + " wrote:<br></div><blockquote>Can you confirm?</blockquote></div>\r\n")
                .getBytes(StandardCharsets.UTF_8);

        ParsedMail mail = parser.parse(raw);

        assertThat(mail.text()).contains("Yes, 50 chairs.").contains("Can you confirm?");
        assertThat(ReplyText.strip(mail.text())).isEqualTo("Yes, 50 chairs.\nAnn");
    }

    @Test
    void aOneMegabyteSingleLineHtmlBodyIsReadWellUnderASecond() throws Exception {
        // jsoup writes each element's space: a megabyte of them in one line once took minutes to tidy
        byte[] raw = mail("Content-Type: text/html; charset=utf-8", "<p>Hello</p>" + "<b> </b>".repeat(131_072));

        ParsedMail mail = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> parser.parse(raw));

        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(3), () -> ReplyText.strip(mail.text())))
                .isEqualTo("Hello");
    }

    @Test
    void aMailNestedDeeperThanFiftyLevelsIsRefusedWithItsReason() {
        byte[] raw = mail(HostileMail.nested(5000), "deep down");

        assertThatThrownBy(() -> parser.parse(raw))
                .isInstanceOf(MessagingException.class)
                .hasMessage("MIME structure nested deeper than 50 levels");
    }

    @Test
    void fiftyLevelsOfMultipartsAreRead() throws Exception {

        assertThat(parser.parse(mail(HostileMail.nested(50), "deep down")).text())
                .isEqualTo("deep down\r\n");
    }

    @Test
    void thePartsAfterTheThousandthAreLeftOutWithANote() throws Exception {
        ParsedMail mail = parser.parse(mail("Content-Type: multipart/mixed; boundary=\"p\"", HostileMail.parts(1500)));

        assertThat(mail.text()).isEqualTo("See the files.");
        assertThat(mail.attachments())
                .hasSize(999)
                .last()
                .satisfies(part -> assertThat(part.name()).isEqualTo("file998.bin"));
        assertThat(mail.notes()).containsExactly("more than 1000 MIME parts: the parts after the 1000th were not read");
    }

    @Test
    void aBodyLongerThanAMegabyteIsCutAndAttachedWhole() throws Exception {
        String line = "Grüße aus Köln. ".repeat(10) + "\n";
        String body = line.repeat(1024 * 1024 / line.length() + 100);
        ParsedMail mail = parser.parse(mail("Content-Type: text/plain; charset=utf-8", body));

        assertThat(mail.text())
                .startsWith(line)
                .endsWith("[…] (longer than 1 MB: the whole text is attached)")
                .doesNotContain("\uFFFD");
        assertThat(mail.attachments()).singleElement().satisfies(part -> {
            assertThat(part.name()).isEqualTo("message.txt");
            try (var in = part.content().open()) {
                String whole = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertThat(whole.length()).isEqualTo(body.length() + 2);
                assertThat(whole.startsWith(body)).isTrue();
            }
        });
        assertThat(mail.notes()).singleElement().asString().contains("attached as message.txt");
    }

    @Test
    void aBodyThatCannotBeDecodedMakesTheMailUnreadable() {
        // unreadable: the mail's own fault, not the disk's, so that it fails rather than being tried again
        byte[] raw = mail("Content-Type: text/plain\r\nContent-Transfer-Encoding: base64", "SGVsbG8gd29ybGQ");

        assertThatThrownBy(() -> parser.parse(raw))
                .isInstanceOf(MessagingException.class)
                .hasMessageStartingWith("a body that cannot be decoded: ");
    }

    @Test
    void aBodyWhoseDecoderBreaksOnItMakesTheMailUnreadable() {
        // Angus's uudecoder throws StringIndexOutOfBoundsException on a "begin" line without mode and name
        byte[] raw = mail("Content-Type: text/plain\r\nContent-Transfer-Encoding: x-uuencode", "begin\r\n");

        assertThatThrownBy(() -> parser.parse(raw))
                .isInstanceOf(MessagingException.class)
                .hasMessageStartingWith("a body that cannot be decoded: malformed content: ");
    }

    @Test
    void aToHeaderOfUnclosedBracketsIsReadWellUnderASecond() throws Exception {
        byte[] raw = ("From: ann@customer.example\r\nTo: sales@mycompany.example, " + "<".repeat(200_000)
                        + "\r\nSubject: brackets\r\n\r\nHello\r\n")
                .getBytes(StandardCharsets.US_ASCII);

        ParsedMail mail = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> parser.parse(raw));

        assertThat(mail.recipients()).first().asString().isEqualTo("sales@mycompany.example");
    }

    /** A mail with these content headers and this body. */
    private static byte[] mail(String contentHeaders, String body) {
        return ("From: ann@customer.example\r\nTo: catchall@mycompany.example\r\nSubject: test\r\n"
                        + "MIME-Version: 1.0\r\n" + contentHeaders + "\r\n\r\n" + body + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
