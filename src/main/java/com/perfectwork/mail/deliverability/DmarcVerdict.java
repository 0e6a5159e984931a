package com.perfectwork.mail.deliverability;

import java.util.Locale;

/**
 * The DMARC result of a received mail (RFC 7489 §11.2, RFC 8601 §2.7.7): {@code PASS} (SPF or DKIM passed for a
 * domain aligned with the From domain, which publishes a policy); {@code FAIL} (neither did, and it publishes one);
 * {@code NONE} (it publishes no policy); {@code TEMPERROR} (its policy or an aligned check could not be looked up
 * now); {@code PERMERROR} (its policy record is wrong, or the mail has no single From domain). {@code OFF}: nothing
 * was checked, the checks being turned off.
 */
public enum DmarcVerdict {
    PASS,
    FAIL,
    NONE,
    TEMPERROR,
    PERMERROR,
    OFF;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The verdict a word names, as {@link #word()} wrote it. */
    public static DmarcVerdict of(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
