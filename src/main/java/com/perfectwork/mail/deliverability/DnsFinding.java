package com.perfectwork.mail.deliverability;

/**
 * The check of one kind of record: its status, the record as published (null when there is none), what was found
 * in words, and what to publish to fix it (a zone-file line, or null when nothing needs fixing).
 */
public record DnsFinding(DnsStatus status, String record, String detail, String fix) {

    static DnsFinding ok(String record, String detail) {
        return new DnsFinding(DnsStatus.OK, record, detail, null);
    }

    /** A question the DNS could not answer: the check could not be made, and says why. */
    static DnsFinding unchecked(String reason) {
        return new DnsFinding(DnsStatus.WARNING, null, "could not be checked: " + reason, null);
    }
}
