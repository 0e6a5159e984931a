package com.perfectwork.mail.outgoing;

import com.perfectwork.mail.core.EmailAddress;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/** An answer to a sender as it was queued: its bytes, and the From they carry. */
record PreparedAnswer(byte[] raw, EmailAddress from) {

    private static final Session BUILDER = Session.getInstance(new Properties());

    static Optional<PreparedAnswer> of(byte[] raw) throws MessagingException {
        String from = new InternetHeaders(new ByteArrayInputStream(raw)).getHeader("From", ",");
        return Optional.ofNullable(from)
                .flatMap(EmailAddress::tryParse)
                .map(address -> new PreparedAnswer(raw, address));
    }

    /** The message as queued, From the address the server ladder allows (rewritten only if it had to be). */
    SMTPMessage as(InternetAddress sender) throws MessagingException {
        // parsed messages keep their Message-ID and body bytes as they are: only the From header is set
        SMTPMessage message = new SMTPMessage(BUILDER, new ByteArrayInputStream(raw));
        if (!sender.getAddress().equalsIgnoreCase(from.address())) {
            message.setFrom(sender);
        }
        return message;
    }
}
