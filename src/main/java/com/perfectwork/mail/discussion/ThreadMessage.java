package com.perfectwork.mail.discussion;

import java.time.Instant;
import java.util.List;

/**
 * A message as its thread shows it. {@code deliveryFailed} is the red envelope: some notification
 * bounced or failed. {@code recipientPartnerIds} are the contacts a received mail was addressed to.
 */
public record ThreadMessage(
        long id,
        long recordId,
        MessageType type,
        Long authorPartnerId,
        String authorName,
        String emailFrom,
        String subject,
        String body,
        String strippedText,
        String messageId,
        Instant createdAt,
        List<Attachment> attachments,
        List<Notification> notifications,
        List<Long> recipientPartnerIds) {

    public boolean deliveryFailed() {
        return notifications.stream().anyMatch(n -> n.status().failed());
    }
}
