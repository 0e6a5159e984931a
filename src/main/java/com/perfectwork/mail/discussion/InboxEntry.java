package com.perfectwork.mail.discussion;

import java.time.Instant;

/**
 * A message in a user's inbox: where it was posted, by whom, a plain-text preview, and whether the user has read or
 * starred it. {@code authorName} is the author's, or the sender's address for a mail from no known contact.
 */
public record InboxEntry(
        long messageId,
        long recordId,
        String model,
        String recordName,
        String authorName,
        String subject,
        String preview,
        Instant createdAt,
        boolean read,
        boolean starred) {}
