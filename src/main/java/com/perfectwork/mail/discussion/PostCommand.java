package com.perfectwork.mail.discussion;

import java.util.List;

/**
 * A message to post on a record's thread. {@code authorPartnerId} is required here (the adapter defaults it
 * to the caller's partner); {@code extraRecipientIds} are notified even when they do not follow.
 */
public record PostCommand(
        long recordId,
        MessageType type,
        String subject,
        String body,
        long authorPartnerId,
        List<Long> extraRecipientIds,
        List<NewAttachment> attachments) {

    public PostCommand {
        extraRecipientIds = extraRecipientIds == null ? List.of() : List.copyOf(extraRecipientIds);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
