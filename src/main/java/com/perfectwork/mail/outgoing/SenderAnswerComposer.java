package com.perfectwork.mail.outgoing;

import com.perfectwork.mail.core.EmailAddress;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Composes an answer to a sender as a whole message: plain text, the original quoted below it, marked as an
 * automatic answer (RFC 3834 {@code Auto-Submitted: auto-replied}, and the header Exchange honours) so that a
 * well-behaved responder on the other side does not answer it in turn.
 */
final class SenderAnswerComposer {

    /** The original is quoted up to this many lines: enough to recognise it, never a whole newsletter. */
    static final int QUOTED_LINES = 40;

    private static final Session BUILDER = Session.getInstance(new Properties());

    private SenderAnswerComposer() {}

    static byte[] compose(SenderAnswer answer, EmailAddress from, String messageId, Instant now) {
        try {
            MimeMessage message = new MimeMessage(BUILDER) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", messageId);
                }
            };
            message.setFrom(MailHeaders.address(from));
            message.setRecipient(Message.RecipientType.TO, MailHeaders.address(answer.to()));
            message.setSubject(MailHeaders.oneLine(answer.subject()), "UTF-8");
            message.setHeader("Date", DateHeader.of(now));
            if (answer.original() != null) {
                message.setHeader("In-Reply-To", answer.original());
            }
            List<String> references = new ArrayList<>();
            // the original's ancestors come newest first; References lists them oldest first
            for (int i = answer.originalReferences().size() - 1; i >= 0; i--) {
                references.add(answer.originalReferences().get(i));
            }
            if (answer.original() != null) {
                references.add(answer.original());
            }
            references.addAll(answer.extraReferences());
            if (!references.isEmpty()) {
                message.setHeader("References", String.join(" ", references));
            }
            // an answer replies to a mail; a notice to administrators is generated on its own
            message.setHeader("Auto-Submitted", answer.original() != null ? "auto-replied" : "auto-generated");
            message.setHeader("X-Auto-Response-Suppress", "All");
            message.setText(answer.body() + "\n\n" + quote(answer.quoted()), "UTF-8", "plain");
            message.saveChanges();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            message.writeTo(bytes);
            return bytes.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(
                    "cannot compose an answer to " + answer.to().address(), e);
        }
    }

    private static String quote(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        List<String> lines = text.strip().lines().limit(QUOTED_LINES + 1L).toList();
        StringBuilder quoted = new StringBuilder("Your message:\n\n");
        for (int i = 0; i < Math.min(lines.size(), QUOTED_LINES); i++) {
            quoted.append("> ").append(lines.get(i)).append('\n');
        }
        if (lines.size() > QUOTED_LINES) {
            quoted.append("> [...]\n");
        }
        return quoted.toString();
    }
}
