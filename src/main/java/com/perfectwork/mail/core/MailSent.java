package com.perfectwork.mail.core;

/** A server accepted the mail. */
public record MailSent(long mailId, Long notificationId) implements MailOutcome {}
