package com.perfectwork.mail.core;

/** A request the caller's rights do not allow, though it names things that exist and is well formed (a REST 403). */
public class NotPermittedException extends RuntimeException {

    public NotPermittedException(String message) {
        super(message);
    }
}
