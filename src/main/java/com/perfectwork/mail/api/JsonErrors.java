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
            return "the value of '"
                    + databind.getPathReference().replaceAll(".*\\[\"?", "").replaceAll("\"?\\]$", "")
                    + "' has the wrong type or format";
        }
        if (cause instanceof JacksonException jackson) {
            return jackson.getOriginalMessage();
        }
        return "the body is missing or unreadable";
    }
}
