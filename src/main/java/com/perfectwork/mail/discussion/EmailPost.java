package com.perfectwork.mail.discussion;

import com.perfectwork.mail.core.EmailAddress;
import java.util.List;

/**
 * A received mail to post on a record's thread as an {@code email} message. {@code relay} is false for
 * auto-replies: they are posted but never relayed to the followers. {@code text} is the mail's own text (its
 * text part, else its HTML's text), kept for the relay's text part. {@code recipients} are the mail's To and Cc
 * outside the alias domain: those that are contacts are linked to the message.
 */
public record EmailPost(
        long recordId,
        EmailAddress from,
        String subject,
        String html,
        String text,
        String strippedText,
        String messageIdHeader,
        List<NewAttachment> attachments,
        boolean relay,
        List<EmailAddress> recipients) {

    public EmailPost {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }
}
