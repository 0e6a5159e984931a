package com.perfectwork.mail.deliverability;

import java.util.Locale;

/**
 * The result of one DKIM signature, as Authentication-Results writes it (RFC 8601 §2.7.1): {@code PASS};
 * {@code FAIL} (the body or the signed headers changed, another key signed, or the signature expired);
 * {@code NEUTRAL} (a signature that cannot be processed: its syntax, an algorithm not accepted);
 * {@code TEMPERROR} (its key could not be looked up now); {@code PERMERROR} (its key cannot be used: missing,
 * revoked, unreadable, of another type).
 */
public enum DkimVerdict {
    PASS,
    FAIL,
    NEUTRAL,
    TEMPERROR,
    PERMERROR;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
