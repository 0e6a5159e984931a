package com.perfectwork.mail.core;

/**
 * A module API refuses a request because one of its values is wrong. The field names the
 * request property at fault, so that an adapter can point the user at it (a REST 400 with
 * {@code errors: [{field, message}]}, a message next to the form field).
 */
public class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
