package com.perfectwork.mail.directory;

import com.perfectwork.mail.core.InvalidInputException;
import java.util.Locale;

/**
 * How a user is notified of the messages of the records they follow: by email (the default), or in the product's
 * inbox instead, with no mail. Partners who are not users are always notified by email.
 */
public enum NotificationPreference {
    EMAIL,
    INBOX;

    /** {@code "email"} or {@code "inbox"}, as the API and the database spell it. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The preference of a code; null for null, and any other value is invalid input on {@code field}. */
    public static NotificationPreference parse(String code, String field) {
        if (code == null) {
            return null;
        }
        return switch (code) {
            case "email" -> EMAIL;
            case "inbox" -> INBOX;
            default -> throw new InvalidInputException(field, "must be email or inbox");
        };
    }
}
