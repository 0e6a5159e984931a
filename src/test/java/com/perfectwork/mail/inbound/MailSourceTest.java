package com.perfectwork.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The words the inbound log keeps for each source: those of the entries already stored, read back as they were. */
class MailSourceTest {

    @Test
    void eachSourceIsStoredUnderTheWordTheLogHasAlwaysShown() {
        assertThat(MailSource.HTTP.stored()).isEqualTo("http");
        assertThat(MailSource.SMTP.stored()).isEqualTo("smtp");
        assertThat(MailSource.LMTP.stored()).isEqualTo("lmtp");
        assertThat(new MailSource.Fetched(3, MailSource.Protocol.IMAP).stored()).isEqualTo("imap:3");
        assertThat(new MailSource.Fetched(12, MailSource.Protocol.POP3).stored())
                .isEqualTo("pop3:12");
    }

    @Test
    void aStoredWordIsReadBackAsItsSource() {
        assertThat(MailSource.of("http")).isEqualTo(MailSource.HTTP);
        assertThat(MailSource.of("smtp")).isEqualTo(MailSource.SMTP);
        assertThat(MailSource.of("lmtp")).isEqualTo(MailSource.LMTP);
        assertThat(MailSource.of("imap:3")).isEqualTo(new MailSource.Fetched(3, MailSource.Protocol.IMAP));
        assertThat(MailSource.of("pop3:12")).isEqualTo(new MailSource.Fetched(12, MailSource.Protocol.POP3));
    }

    @Test
    void aWordOfNoKnownSourceIsKeptAsItIsAndNamesNoIncomingServer() {
        assertThat(MailSource.of("IMAP:3")).isEqualTo(new MailSource.Other("IMAP:3"));
        assertThat(MailSource.of("imap:")).isEqualTo(new MailSource.Other("imap:"));
        assertThat(MailSource.of("carrier pigeon").stored()).isEqualTo("carrier pigeon");
    }
}
