package com.perfectwork.mail.bounce;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.perfectwork.mail.routing.MailParser;
import com.perfectwork.mail.routing.ParsedMail;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.time.Clock;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any mail read as a delivery report, as a mail from a mailer daemon is: the DSN parser and the classifier end
 * within the time limit, whatever the bytes, and throw nothing. A slow input is a finding.
 */
class DsnParserFuzzTest {

    private static final MailParser PARSER = new MailParser(Clock.systemUTC());

    @MethodSource("com.perfectwork.mail.FuzzSeeds#bounces")
    @FuzzTest(maxDuration = "5m")
    @Timeout(3)
    void readsAnyMailAsAReport(byte[] raw) {
        ParsedMail mail;
        try {
            mail = PARSER.parse(raw);
        } catch (MessagingException | IOException unreadable) {
            // a mail that cannot be read fails before any report is read in it
            return;
        }
        DsnParser.read(mail, "mycompany.example");
    }
}
