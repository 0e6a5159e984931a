package com.perfectwork.mail.api;

import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/** Says what is wrong with an unreadable JSON body in words a client can act on, without internals. */
final class JsonErrors {

    private JsonErrors() {}

    static String describe(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            return "the value of '" + field(databind.getPathReference()) + "' has the wrong type or format";
        }
        if (cause instanceof JacksonException jackson) {
            return jackson.getOriginalMessage();
        }
        return "the body is missing or unreadable";
    }

    /**
     * The last field of a path reference ({@code Post["author"]["id"]} → {@code id}), found by hand: the field names
     * are the client's, and a pattern looking for the last bracket would go over a long one again at each character.
     */
    private static String field(String reference) {
        String field = reference.substring(reference.lastIndexOf('[') + 1);
        if (field.startsWith("\"")) {
            field = field.substring(1);
        }
        if (field.endsWith("]")) {
            field = field.substring(0, field.length() - 1);
            if (field.endsWith("\"")) {
                field = field.substring(0, field.length() - 1);
            }
        }
        return field;
    }
}
