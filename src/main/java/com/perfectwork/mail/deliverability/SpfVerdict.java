package com.perfectwork.mail.deliverability;

/** The results of RFC 7208's check_host() (§2.6), as written in Received-SPF and Authentication-Results. */
public enum SpfVerdict {
    PASS,
    FAIL,
    SOFTFAIL,
    NEUTRAL,
    NONE,
    TEMPERROR,
    PERMERROR;

    /** The result a qualifier gives when its mechanism matches (§4.6.2). */
    static SpfVerdict of(char qualifier) {
        return switch (qualifier) {
            case '-' -> FAIL;
            case '~' -> SOFTFAIL;
            case '?' -> NEUTRAL;
            default -> PASS;
        };
    }

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
