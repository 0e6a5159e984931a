package com.perfectwork.mail.outgoing;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.time.Instant;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * Builds the message of one planned mail once its From is chosen: a notification from its chatter message, an
 * answer to a sender from the bytes composed when it was queued.
 */
@FunctionalInterface
interface MailComposer {

    SMTPMessage compose(InternetAddress from, InternetAddress to, InternetAddress replyTo, Instant now)
            throws MessagingException;
}
