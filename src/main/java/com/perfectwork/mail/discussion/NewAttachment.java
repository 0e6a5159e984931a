package com.perfectwork.mail.discussion;

/** An attachment to store with a message. */
public record NewAttachment(String name, String mimetype, byte[] content) {}
