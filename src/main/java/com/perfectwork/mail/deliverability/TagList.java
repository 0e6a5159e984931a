package com.perfectwork.mail.deliverability;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A tag=value list (RFC 6376 §3.2), the syntax of DKIM signatures and key records and of DMARC records (RFC 7489
 * §6.4): tags separated by semicolons, the last one optionally followed by one, whitespace around names and values
 * ignored. A tag named twice, a part without {@code =} or a name that is not {@code ALPHA *(ALPHA / DIGIT / "_")}
 * makes the whole list invalid.
 */
final class TagList {

    private TagList() {}

    /**
     * The tags in their order; {@code lowerCaseNames} for DMARC, whose tag names are case-insensitive (DKIM's are
     * not, §3.2).
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static Map<String, String> parse(String text, boolean lowerCaseNames) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String part : text.split(";", -1)) {
            if (part.isBlank()) {
                continue;
            }
            int equals = part.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("'" + part.strip() + "' is not a tag=value pair");
            }
            String name = part.substring(0, equals).strip();
            if (lowerCaseNames) {
                name = name.toLowerCase(Locale.ROOT);
            }
            if (!validName(name)) {
                throw new IllegalArgumentException("'" + name + "' is not a tag name");
            }
            if (tags.put(name, part.substring(equals + 1).strip()) != null) {
                throw new IllegalArgumentException("the tag " + name + "= appears twice");
            }
        }
        return tags;
    }

    /** A value with all its whitespace removed: base64 data ({@code b=}, {@code bh=}, {@code p=}) may be folded. */
    static String compact(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean validName(String name) {
        if (name.isEmpty() || !isAlpha(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isAlpha(c) && !(c >= '0' && c <= '9') && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
