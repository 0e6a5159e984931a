package com.perfectwork.mail.discussion;

import com.perfectwork.mail.core.EmailAddress;
import java.util.List;

/**
 * A received mail to post on a record's thread as an {@code email} message. {@code relay} is false for
 * auto-replies: they are posted but never relayed to the followers. {@code text} is the mail's own text (its
 * text part, else its HTML's text), kept for the relay's text part. {@code recipients} are the mail's To and Cc
 * outside the alias domain: those that are contacts are linked to the message. {@code fromTrusted}: the From address
 * may name the author (the follower or contact with that address); when it is not authenticated, the message is posted
 * under the bare address, with no author.
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
        List<EmailAddress> recipients,
        boolean fromTrusted) {

    public EmailPost {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }
}
