package com.perfectwork.mail.outgoing;

import java.util.Locale;

/**
 * Where a queued mail stands: waiting or retrying ({@code OUTGOING}), delivered, failed for good, canceled, or
 * accepted by a server that later sent a bounce for it ({@code BOUNCE}).
 */
public enum MailState {
    OUTGOING,
    SENT,
    EXCEPTION,
    CANCEL,
    BOUNCE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static MailState of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
