package com.perfectwork.mail.outgoing;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * A composed notification. Keeps the Message-ID it is given: every copy of one chatter message shares
 * the message's own id, so that replies find their thread (Jakarta Mail would generate a new one).
 */
class NotificationMail extends SMTPMessage {

    private final String messageId;

    NotificationMail(Session session, String messageId) {
        super(session);
        this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
    }
}
