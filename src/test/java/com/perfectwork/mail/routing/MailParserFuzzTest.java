package com.perfectwork.mail.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any bytes read as a received mail, and every part of it decoded as it would be stored: the MIME parser ends
 * within the time limit and within the part limit, or refuses the mail as unreadable ({@link MessagingException},
 * which leaves it failed); nothing else may escape it. A slow input is a finding.
 */
class MailParserFuzzTest {

    private static final MailParser PARSER = new MailParser(Clock.systemUTC());

    @MethodSource("com.perfectwork.mail.FuzzSeeds#mails")
    @FuzzTest(maxDuration = "5m")
    @Timeout(3)
    void readsAnyBytesAsAMail(byte[] raw) {
        ParsedMail mail;
        try {
            mail = PARSER.parse(raw);
        } catch (MessagingException | IOException unreadable) {
            return;
        }
        assertThat(mail.attachments()).hasSizeLessThanOrEqualTo(MimeTree.MAX_PARTS);
        for (ParsedMail.Part part : mail.attachments()) {
            try (InputStream in = part.content().open()) {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException undecodable) {
                // a part that cannot be decoded fails the mail when it is stored
            }
        }
    }
}
