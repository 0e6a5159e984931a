package com.perfectwork.mail.discussion;

/**
 * Which page of an inbox to list, newest first: only the unread or only the starred messages, or all; older than the
 * message {@code before} (keyset, null: from the newest), after skipping {@code offset} entries, at most {@code limit}.
 */
public record InboxQuery(boolean unreadOnly, boolean starredOnly, Long before, int offset, int limit) {}
