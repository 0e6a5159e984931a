package com.perfectwork.mail.storage;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The filestore could not write a content (the data directory is full, read-only, gone): nothing of it is kept.
 * A condition of the machine, not of the content, so the callers answer "try again later" (HTTP 503, SMTP 451, a
 * fetched mail left in its mailbox) rather than keep the mail as failed.
 */
public class FilestoreWriteException extends UncheckedIOException {

    public FilestoreWriteException(String message, IOException cause) {
        super(message, cause);
    }
}
