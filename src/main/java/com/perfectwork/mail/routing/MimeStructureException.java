package com.perfectwork.mail.routing;

import jakarta.mail.MessagingException;

/**
 * A mail whose MIME structure is beyond what is read (nested deeper than {@link MimeTree#MAX_DEPTH} levels): it is
 * not processed, and ends {@code failed} with this message, its raw bytes kept to be looked at or retried. A
 * {@link MessagingException}, as any mail that cannot be read.
 */
public class MimeStructureException extends MessagingException {

    MimeStructureException(String message) {
        super(message);
    }
}
