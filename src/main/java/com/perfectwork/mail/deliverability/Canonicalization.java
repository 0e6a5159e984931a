package com.perfectwork.mail.deliverability;

import java.util.Locale;

/** DKIM's two canonicalization algorithms (RFC 6376 §3.4), for header fields and for bodies. */
enum Canonicalization {
    SIMPLE,
    RELAXED;

    /** The algorithm a {@code c=} half names; an unknown name is an error of the signature (§3.5). */
    static Canonicalization named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "simple" -> SIMPLE;
            case "relaxed" -> RELAXED;
            default -> throw new IllegalArgumentException("unknown canonicalization " + name);
        };
    }

    /** One header field, its lines joined by CRLF as they came, canonicalized, without its final CRLF. */
    String header(String field) {
        return this == SIMPLE ? field : relaxed(field);
    }

    /** A body hash for this algorithm, of at most {@code limit} canonical bytes (-1: all). */
    CanonicalBody body(long limit) {
        return new CanonicalBody(this == RELAXED, limit);
    }

    String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** §3.4.2: name lower-cased, lines unfolded, whitespace runs as one space, none around the colon or at the end. */
    private static String relaxed(String field) {
        int colon = field.indexOf(':');
        String name = field.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = field.substring(colon + 1).replace("\r\n", "");
        StringBuilder out = new StringBuilder(name.length() + value.length() + 1)
                .append(name)
                .append(':');
        boolean space = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t') {
                space = true;
            } else {
                if (space && out.length() > name.length() + 1) {
                    out.append(' ');
                }
                space = false;
                out.append(c);
            }
        }
        return out.toString();
    }
}
