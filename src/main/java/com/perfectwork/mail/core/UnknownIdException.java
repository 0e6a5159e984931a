package com.perfectwork.mail.core;

/** A module API was given the id of something that does not exist (a REST 404). */
public class UnknownIdException extends RuntimeException {

    private final String kind;
    private final Object id;

    public UnknownIdException(String kind, Object id) {
        super(kind + " " + id + " does not exist");
        this.kind = kind;
        this.id = id;
    }

    public String kind() {
        return kind;
    }

    public Object id() {
        return id;
    }
}
