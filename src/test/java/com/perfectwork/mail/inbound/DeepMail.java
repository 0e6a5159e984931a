package com.perfectwork.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A hostile mail: multiparts nested {@code levels} deep, each holding the next, the innermost a line of text. Five
 * thousand levels make a few hundred KB, and a recursive reader of MIME runs out of stack on them; made here rather
 * than kept as a fixture, so that the repository holds no file of that size.
 */
final class DeepMail {

    private DeepMail() {}

    static byte[] nested(int levels, String subject, String messageId, String to) {
        StringBuilder mail = new StringBuilder(levels * 80)
                .append("From: deep@else.example\r\nTo: ")
                .append(to)
                .append("\r\nSubject: ")
                .append(subject)
                .append("\r\nMessage-ID: <")
                .append(messageId)
                .append(">\r\nDate: Tue, 1 Dec 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n")
                .append("Content-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n");
        for (int level = 0; level < levels; level++) {
            mail.append("--b").append(level).append("\r\n");
            if (level + 1 < levels) {
                mail.append("Content-Type: multipart/mixed; boundary=\"b")
                        .append(level + 1)
                        .append("\"\r\n\r\n");
            } else {
                mail.append("Content-Type: text/plain\r\n\r\nThe bottom.\r\n");
            }
        }
        for (int level = levels - 1; level >= 0; level--) {
            mail.append("--b").append(level).append("--\r\n");
        }
        return mail.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Puts the mail in a GreenMail mailbox. GreenMail reads a mail's MIME structure as it is delivered, recursively,
     * so it is delivered from a thread with room for that.
     */
    static void deliver(GreenMailUser mailbox, byte[] raw) throws InterruptedException {
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread delivery = new Thread(
                null,
                () -> {
                    try {
                        mailbox.deliver(
                                new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
                    } catch (MessagingException | RuntimeException e) {
                        failed.set(e);
                    }
                },
                "deliver-deep-mail",
                256L * 1024 * 1024);
        delivery.start();
        delivery.join();
        assertThat(failed.get()).as("delivered to the mailbox").isNull();
    }
}
