package com.perfectwork.mail.outgoing;

import java.time.Instant;

/**
 * What became of one mass mail: {@code sent} (accepted by a server), {@code failed} (for good), {@code bounced}
 * (accepted, then a bounce came back) or {@code canceled}; {@code reason} says why it failed, bounced or was
 * canceled ("canceled", "blacklisted", "unsubscribed"…), null when sent.
 */
public record BulkOutcome(long bulkMessageId, String token, String state, String reason, Instant at) {

    public static final String SENT = "sent";
    public static final String FAILED = "failed";
    public static final String BOUNCED = "bounced";
    public static final String CANCELED = "canceled";
}
