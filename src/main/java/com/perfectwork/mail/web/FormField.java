package com.perfectwork.mail.web;

import com.perfectwork.mail.core.InvalidInputException;
import java.util.Locale;

/**
 * One field of a form as the browser sent it, text, read as what the module wants: a number or a choice. A value
 * that is not one is refused with the field's name, so that the page shows the error next to it, like any other
 * refusal of the module.
 */
record FormField(String name, String text) {

    boolean blank() {
        return text == null || text.isBlank();
    }

    Integer wholeNumber() {
        try {
            return Integer.valueOf(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, "must be a whole number");
        }
    }

    /** The constant of {@code type} named by the text, in any case: {@code starttls} is {@code STARTTLS}. */
    <E extends Enum<E>> E choice(Class<E> type) {
        try {
            return Enum.valueOf(type, text == null ? "" : text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(name, "is not one of the choices");
        }
    }
}
