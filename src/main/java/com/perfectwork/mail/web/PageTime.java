package com.perfectwork.mail.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * How the pages show a moment: to the minute, in UTC, said so, since the server's and the reader's zones may
 * differ. Templates call it as {@code ${@pageTime.of(instant)}}.
 */
@Component
class PageTime {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** The moment, or "never" for none. */
    public String of(Instant instant) {
        return instant == null ? "never" : WHEN.format(instant);
    }
}
