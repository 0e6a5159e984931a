package com.perfectwork.mail.core;

/** A request that conflicts with the current state: a reserved name, an action already running (a REST 409). */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
