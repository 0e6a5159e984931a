package com.perfectwork.mail.discussion;

/**
 * What the pages show of an inbox without listing it: its newest message and its unread count. A new message changes
 * the first, reading (here or in another tab, on any instance) the second; a page that polls compares {@link #token()}
 * and transfers nothing while it is the same.
 */
public record InboxVersion(long newestMessageId, long unread) {

    public String token() {
        return newestMessageId + "-" + unread;
    }
}
