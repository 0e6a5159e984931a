package com.perfectwork.mail.discussion;

import com.perfectwork.mail.core.EmailAddress;
import java.util.List;

/**
 * A received mail to post on a record's thread as an {@code email} message. {@code relay} is false for
 * auto-replies: they are posted but never relayed to the followers.
 */
public record EmailPost(
        long recordId,
        EmailAddress from,
        String subject,
        String html,
        String strippedText,
        String messageIdHeader,
        List<NewAttachment> attachments,
        boolean relay) {

    public EmailPost {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
