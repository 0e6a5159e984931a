package com.perfectwork.mail.discussion;

/**
 * A message and its notifications were stored. Published inside the posting transaction: a listener that
 * must happen with the post (the outgoing queue) runs in it, so both commit or neither does; a module listener
 * runs after the commit, through the event publication registry. {@code notifications} counts the notifications
 * created (a recipient without an email has one too, already failed).
 */
public record MessagePosted(long messageId, long recordId, MessageType type, int notifications) {}
