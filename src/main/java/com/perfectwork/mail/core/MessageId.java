package com.perfectwork.mail.core;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

/**
 * An RFC 5322 Message-ID, angle brackets included: {@code <1732440000123.9f3c2a7b1e4d@mycompany.com>}.
 * Generated ids are unique without coordination: a millisecond timestamp and 64 random bits.
 */
public record MessageId(String value) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public MessageId {
        if (value == null || !value.startsWith("<") || !value.endsWith(">") || value.indexOf('@') < 0) {
            throw new IllegalArgumentException("not a Message-ID: " + value);
        }
    }

    /** A new id whose right-hand side is {@code domain} (the catchall domain, else the host name). */
    public static MessageId generate(Instant now, String domain) {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        return new MessageId("<" + now.toEpochMilli() + "." + HexFormat.of().formatHex(random) + "@" + domain + ">");
    }

    @Override
    public String toString() {
        return value;
    }
}
