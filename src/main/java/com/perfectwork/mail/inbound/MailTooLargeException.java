package com.perfectwork.mail.inbound;

import java.util.Locale;
import org.springframework.util.unit.DataSize;

/**
 * A received mail over its size limit, found while it streamed in (nothing of it is kept): a REST 413 or an SMTP
 * {@code 552 5.3.4}; the sender keeps the mail. The message names the setting that raises the limit.
 */
public class MailTooLargeException extends RuntimeException {

    public MailTooLargeException(DataSize limit, String setting) {
        super(String.format(
                Locale.ROOT,
                "The mail is larger than the limit of %.1f MB (%s)",
                limit.toBytes() / 1_048_576.0,
                setting));
    }
}
