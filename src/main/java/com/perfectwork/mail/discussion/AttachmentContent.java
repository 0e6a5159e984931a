package com.perfectwork.mail.discussion;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Set;

/** An attachment to stream back; the caller closes the stream. */
public record AttachmentContent(Attachment attachment, InputStreamSource source) {

    /**
     * What a browser may show in our own origin: images that cannot carry script, PDF and plain text. Everything
     * else (HTML, SVG…) is a download, so that an attachment can never run as one of our pages.
     */
    private static final Set<String> INLINE =
            Set.of("image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain");

    /** Opens the stored bytes; each call opens a new stream. */
    @FunctionalInterface
    public interface InputStreamSource {
        InputStream open() throws IOException;
    }

    public boolean showableInline() {
        return INLINE.contains(attachment.mimetype());
    }

    /** Streams the stored bytes to {@code out}, which stays open. */
    public void writeTo(OutputStream out) throws IOException {
        try (InputStream in = source.open()) {
            in.transferTo(out);
        }
    }
}
