package com.perfectwork.mail.core;

/** The mail will not be sent: an administrator canceled it, or it was a mass mail to a blacklisted address. */
public record MailCanceled(long mailId, Long notificationId) implements MailOutcome {}
