package com.perfectwork.mail.mailing;

import java.time.Instant;

/**
 * A mailing list with its counts: {@code contactCount} the contacts on it (opted out or not), {@code optOutCount}
 * those of them who opted out of it.
 */
public record MailingList(long id, String name, Instant createdAt, long contactCount, long optOutCount) {

    /** The contacts a mailing to this list reaches, blacklist aside. */
    public long subscribedCount() {
        return contactCount - optOutCount;
    }
}
