package com.perfectwork.mail.discussion;

import org.springframework.util.unit.DataSize;

/** An attachment over {@code perfectwork.attachments.max-size} (a REST 413). */
public class AttachmentTooLargeException extends RuntimeException {

    public AttachmentTooLargeException(String name, long size, DataSize limit) {
        super("The attachment '" + name + "' is " + megabytes(size) + "; the limit is " + megabytes(limit.toBytes())
                + " (perfectwork.attachments.max-size)");
    }

    /** Over the limit while it streamed in: its whole size was never read. */
    public AttachmentTooLargeException(String name, DataSize limit) {
        super("The attachment '" + name + "' is larger than the limit of " + megabytes(limit.toBytes())
                + " (perfectwork.attachments.max-size)");
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1_048_576.0);
    }
}
