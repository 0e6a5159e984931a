package com.perfectwork.mail.discussion;

/**
 * An attachment to store with a message. {@code contentId} is the MIME Content-ID of an inline part (an image
 * the HTML body shows as {@code cid:…}), else null.
 */
public record NewAttachment(String name, String mimetype, byte[] content, String contentId) {

    public NewAttachment(String name, String mimetype, byte[] content) {
        this(name, mimetype, content, null);
    }
}
