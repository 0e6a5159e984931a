package com.perfectwork.mail.core;

/** An administrator put the mail back in the queue, due now, as if new. */
public record MailRequeued(long mailId, Long notificationId) implements MailOutcome {}
