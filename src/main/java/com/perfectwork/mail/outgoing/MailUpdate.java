package com.perfectwork.mail.outgoing;

import java.time.Instant;

/**
 * The new state of a claimed mail after an attempt (or a decision not to attempt it yet). {@code transcript} is
 * the SMTP conversation of an attempt that did not deliver the mail, or null.
 */
record MailUpdate(
        long id,
        Long notificationId,
        MailState state,
        Instant scheduledAt,
        int attempts,
        Instant firstAttemptAt,
        FailureType failureType,
        String failureReason,
        Long mailServerId,
        String emailFrom,
        String envelopeFrom,
        String smtpReply,
        String serverRule,
        Instant sentAt,
        String transcript,
        Long bulkMessageId,
        String bulkToken) {

    MailUpdate withTranscript(String text) {
        return new MailUpdate(
                id,
                notificationId,
                state,
                scheduledAt,
                attempts,
                firstAttemptAt,
                failureType,
                failureReason,
                mailServerId,
                emailFrom,
                envelopeFrom,
                smtpReply,
                serverRule,
                sentAt,
                text,
                bulkMessageId,
                bulkToken);
    }
}
