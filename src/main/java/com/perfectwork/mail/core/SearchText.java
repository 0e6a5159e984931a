package com.perfectwork.mail.core;

import java.util.Locale;

/**
 * What an administrator typed in a list's search box, matched as a piece of a column in any case and taken
 * literally: its {@code %} and {@code _} are no wildcards. Used with {@code LOWER(column) LIKE :pattern ESCAPE '\'}
 * (the {@link #ESCAPE} clause), which both databases understand alike.
 */
public record SearchText(String text) {

    public static final String ESCAPE = " ESCAPE '\\'";

    public SearchText {
        text = text == null ? "" : text.strip();
    }

    /** Nothing typed: the list is not narrowed. */
    public boolean isEmpty() {
        return text.isEmpty();
    }

    /** The LIKE pattern for a lower-cased column: the text lower-cased, escaped, between {@code %}. */
    public String likePattern() {
        String escaped = text.toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\")
                .replace("%", "\\%")
                .replace("_", "\\_");
        return "%" + escaped + "%";
    }
}
