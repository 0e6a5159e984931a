package com.perfectwork.mail.inbound;

import java.util.Locale;
import org.springframework.util.unit.DataSize;

/** A received mail over {@code perfectwork.inbound.max-size} (a REST 413; the sender keeps it). */
public class MailTooLargeException extends RuntimeException {

    public MailTooLargeException(long size, DataSize limit) {
        super(String.format(
                Locale.ROOT,
                "The mail is %.1f MB; the limit is %.1f MB (perfectwork.inbound.max-size)",
                size / 1_048_576.0,
                limit.toBytes() / 1_048_576.0));
    }
}
