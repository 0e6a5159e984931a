package com.perfectwork.mail.outgoing;

import java.time.Instant;

/**
 * One mail to one recipient in the queue, with what its last attempt did: the server used, the envelope
 * sender, the server's reply, and the rule that chose the server. A notification is composed from its chatter
 * message when sent; an answer to a sender was composed whole when queued and is kept as {@code rawHash}; a mass mail is composed from
 * its bulk message ({@link BulkMail}) and its recipient's token.
 */
public record OutgoingMail(
        long id,
        Long notificationId,
        Long chatterMessageId,
        Long recipientPartnerId,
        String emailTo,
        String emailFrom,
        String subject,
        String messageIdHeader,
        boolean massMailing,
        MailState state,
        Instant scheduledAt,
        int attempts,
        Instant firstAttemptAt,
        String failureType,
        String failureReason,
        Long mailServerId,
        String envelopeFrom,
        String smtpReply,
        String serverRule,
        Instant sentAt,
        Instant createdAt,
        String rawHash,
        Long bulkMessageId,
        String bulkToken) {

    /** A mass mail: its template is a bulk message, its recipient's token replaces the template's placeholder. */
    public boolean bulk() {
        return bulkMessageId != null;
    }
}
