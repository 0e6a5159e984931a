package com.perfectwork.mail.discussion;

/**
 * A message and its notifications were stored (published inside the posting transaction, delivered to
 * module listeners after it commits, and kept in the event publication registry until they complete).
 * {@code notifications} counts the notifications created in state ready.
 */
public record MessagePosted(long messageId, long recordId, MessageType type, int notifications) {}
