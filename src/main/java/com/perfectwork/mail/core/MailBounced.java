package com.perfectwork.mail.core;

/** A server that had accepted the mail sent a bounce for it later. */
public record MailBounced(long mailId, Long notificationId, String failureType, String reason) implements MailOutcome {}
