package com.perfectwork.mail.outgoing;

import java.util.Locale;

/** Where a queued mail stands: waiting or retrying ({@code OUTGOING}), delivered, failed for good, or canceled. */
public enum MailState {
    OUTGOING,
    SENT,
    EXCEPTION,
    CANCEL;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static MailState of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
