package com.perfectwork.mail.storage;

/**
 * A content went over the limit its caller gave while it streamed in: nothing of it is kept, and the caller
 * answers in its own words (a 413, an SMTP 552, a failed attachment).
 */
public class ContentTooLargeException extends RuntimeException {

    private final long limit;

    public ContentTooLargeException(long limit) {
        super("the content is larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
