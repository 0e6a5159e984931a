package com.perfectwork.mail.outgoing;

import jakarta.mail.internet.MailDateFormat;
import java.time.Instant;
import java.util.Date;

/**
 * The Date header of the mails composed in one second, formatted once for all of them: {@code setSentDate} formats
 * through one synchronized {@link MailDateFormat} for every mail, which the connections of a mailing queue up on.
 * The value is the same (the header has no fraction of a second).
 */
final class DateHeader {

    private record Formatted(long second, String value) {}

    private static volatile Formatted last = new Formatted(Long.MIN_VALUE, "");

    private DateHeader() {}

    static String of(Instant now) {
        Formatted seen = last;
        long second = now.getEpochSecond();
        if (seen.second() == second) {
            return seen.value();
        }
        // a MailDateFormat of its own: the cached value races only with another of the same second, which is equal
        String value = new MailDateFormat().format(Date.from(now));
        last = new Formatted(second, value);
        return value;
    }
}
