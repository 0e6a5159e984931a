package com.perfectwork.mail.discussion;

import java.io.ByteArrayInputStream;

/**
 * An attachment to store with a message. {@code content} is opened once, when the attachment is stored, and
 * streamed into the filestore; {@code size} is its length when known beforehand (bytes given by a client),
 * else {@link #UNKNOWN_SIZE} (a part of a received mail, decoded as it is stored). {@code contentId} is the
 * MIME Content-ID of an inline part (an image the HTML body shows as {@code cid:…}), else null.
 */
public record NewAttachment(
        String name, String mimetype, AttachmentContent.InputStreamSource content, long size, String contentId) {

    public static final long UNKNOWN_SIZE = -1;

    public NewAttachment(String name, String mimetype, byte[] content) {
        this(name, mimetype, content, null);
    }

    public NewAttachment(String name, String mimetype, byte[] content, String contentId) {
        this(
                name,
                mimetype,
                content == null ? null : () -> new ByteArrayInputStream(content),
                content == null ? 0 : content.length,
                contentId);
    }

    /** A content read from its source only when stored, whatever its size: never held in memory. */
    public static NewAttachment streamed(
            String name, String mimetype, AttachmentContent.InputStreamSource content, String contentId) {
        return new NewAttachment(name, mimetype, content, UNKNOWN_SIZE, contentId);
    }
}
