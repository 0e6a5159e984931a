package com.perfectwork.mail.mailing;

import java.util.Locale;

/**
 * Where a mailing is: {@code draft} (editable), {@code scheduled} (waits for its time), {@code sending} (its mails are
 * in the queue), {@code done} (no mail of it waits any more), {@code canceled}.
 */
public enum MailingState {
    DRAFT,
    SCHEDULED,
    SENDING,
    DONE,
    CANCELED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static MailingState of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
