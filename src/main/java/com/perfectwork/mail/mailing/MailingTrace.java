package com.perfectwork.mail.mailing;

import java.time.Instant;

/**
 * One recipient of a mailing: {@code state} queued, sent, bounced, failed, canceled or excluded (then
 * {@code exclusion} says why: blacklisted, optedOut, duplicate, invalid), and what the recipient did.
 */
public record MailingTrace(
        long id,
        long mailingId,
        String email,
        Long contactId,
        String state,
        String exclusion,
        String failureReason,
        Instant sentAt,
        Instant openedAt,
        Instant clickedAt,
        Instant repliedAt,
        Instant unsubscribedAt) {}
