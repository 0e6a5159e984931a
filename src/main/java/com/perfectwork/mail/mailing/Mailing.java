package com.perfectwork.mail.mailing;

import java.time.Instant;
import java.util.List;

/**
 * A mailing: one message for many recipients. {@code total} is the number of its traces (recipients, excluded ones
 * included) once it is sent; {@code sentAt} when its last mail went into the queue; {@code doneAt} when no mail of it
 * waited any more.
 */
public record Mailing(
        long id,
        String subject,
        String previewText,
        String body,
        String emailFrom,
        String replyTo,
        List<Long> listIds,
        String model,
        List<Long> recordIds,
        Long mailServerId,
        Instant scheduledAt,
        MailingState state,
        boolean tracking,
        Long bulkMessageId,
        long total,
        String createdBy,
        Instant createdAt,
        Instant sentAt,
        Instant doneAt) {

    /** Whether its recipients are the followers of records rather than lists' contacts. */
    public boolean toFollowers() {
        return model != null;
    }

    public boolean editable() {
        return state == MailingState.DRAFT;
    }
}
