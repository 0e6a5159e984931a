package com.perfectwork.mail.discussion;

/** An attachment as listed on a message. */
public record Attachment(long id, String name, String mimetype, long size) {}
