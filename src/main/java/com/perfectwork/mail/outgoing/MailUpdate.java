package com.perfectwork.mail.outgoing;

import java.time.Instant;

/** The new state of a claimed mail after an attempt (or a decision not to attempt it yet). */
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
        Instant sentAt) {}
