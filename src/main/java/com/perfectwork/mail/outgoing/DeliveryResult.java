package com.perfectwork.mail.outgoing;

/**
 * What became of one delivery attempt, as a value: the server took the mail ({@link Accepted}), it will be
 * tried again later ({@link Deferred}: a 4xx, a refused or dropped connection, a timeout), or it failed for
 * good ({@link Failed}: a 5xx, an impossible address).
 */
public sealed interface DeliveryResult {

    /** @param reply the server's answer to the end of DATA, e.g. "250 2.0.0 Ok: queued as 4F3A" */
    record Accepted(String reply) implements DeliveryResult {}

    record Deferred(String reason) implements DeliveryResult {}

    record Failed(FailureType type, String reason) implements DeliveryResult {}
}
