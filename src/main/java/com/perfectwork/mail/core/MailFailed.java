package com.perfectwork.mail.core;

/** The mail failed for good: refused, not addressable, or retried until the schedule gave up. */
public record MailFailed(long mailId, Long notificationId, String failureType, String reason) implements MailOutcome {}
