package com.perfectwork.mail.discussion;

import java.io.IOException;
import java.io.InputStream;

/** An attachment to stream back; the caller closes the stream. */
public record AttachmentContent(Attachment attachment, InputStreamSource source) {

    /** Opens the stored bytes; each call opens a new stream. */
    @FunctionalInterface
    public interface InputStreamSource {
        InputStream open() throws IOException;
    }
}
