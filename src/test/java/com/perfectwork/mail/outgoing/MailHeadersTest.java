package com.perfectwork.mail.outgoing;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.core.EmailAddress;
import jakarta.mail.internet.InternetAddress;
import org.junit.jupiter.api.Test;

class MailHeadersTest {

    @Test
    void controlCharactersBecomeSpaces() {
        assertThat(MailHeaders.oneLine("Hello\r\nBcc: x@evil.example\tand\u2028more"))
                .isEqualTo("Hello Bcc: x@evil.example and more");
        assertThat(MailHeaders.oneLine(null)).isEmpty();
    }

    @Test
    void internationalizedDomainsAreWrittenInAscii() {
        assertThat(MailHeaders.asciiDomain("jürgen@bücher.example")).isEqualTo("jürgen@xn--bcher-kva.example");
        assertThat(MailHeaders.asciiDomain("ann@example.com")).isEqualTo("ann@example.com");
    }

    @Test
    void nonAsciiNamesAreEncoded() {
        InternetAddress address = MailHeaders.address("Zoë Ångström", "zoe@example.com");
        assertThat(address.toString()).isEqualTo("=?UTF-8?Q?Zo=C3=AB_=C3=85ngstr=C3=B6m?= <zoe@example.com>");
    }

    @Test
    void replyToIsTheCatchallNamedCompanyAndRecord() {
        InternetAddress replyTo = MailHeaders.replyTo(null, "catchall@mycompany.com", "My Company", "SO042", null);
        assertThat(replyTo.getPersonal()).isEqualTo("My Company SO042");
        assertThat(replyTo.getAddress()).isEqualTo("catchall@mycompany.com");
    }

    @Test
    void aLongNameFallsBackToTheRecordAloneThenToNoName() {
        String record = "r".repeat(60);
        assertThat(MailHeaders.replyTo(null, "catchall@mycompany.com", "A Company With A Long Name", record, null)
                        .getPersonal())
                .isEqualTo(record);
        assertThat(MailHeaders.replyTo(null, "catchall@mycompany.com", "Co", "r".repeat(69), null)
                        .getPersonal())
                .isNull();
        assertThat(MailHeaders.replyTo(null, "catchall@mycompany.com", "Co", "r".repeat(65), null)
                        .getPersonal())
                .isEqualTo("Co " + "r".repeat(65));
    }

    @Test
    void theRecordAliasWinsAndTheAuthorIsTheLastResort() {
        EmailAddress author = new EmailAddress("Ann", "ann@example.com");
        assertThat(MailHeaders.replyTo("sales@mycompany.com", "catchall@mycompany.com", "Co", "Lead", author)
                        .getAddress())
                .isEqualTo("sales@mycompany.com");
        assertThat(MailHeaders.replyTo(null, null, "Co", "Lead", author).getAddress())
                .isEqualTo("ann@example.com");
        assertThat(MailHeaders.replyTo(null, null, "Co", "Lead", null)).isNull();
    }
}
