package com.perfectwork.mail.outgoing;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

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

    /** The states a mail can be put back in the queue from: anything not delivered (a bounce is retried too). */
    public static final Set<MailState> RETRYABLE = EnumSet.of(OUTGOING, EXCEPTION, CANCEL, BOUNCE);

    /** The states a mail can be canceled in: still waiting, or failed (so that it is not retried by mistake). */
    public static final Set<MailState> CANCELABLE = EnumSet.of(OUTGOING, EXCEPTION);

    public boolean retryable() {
        return RETRYABLE.contains(this);
    }

    public boolean cancelable() {
        return CANCELABLE.contains(this);
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static MailState of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
