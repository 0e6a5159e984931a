package com.perfectwork.mail.inbound;

import java.util.Locale;

/** What became of a received mail. {@code RECEIVED}: stored, not yet processed (a crash in between). */
public enum InboundOutcome {
    RECEIVED,
    POSTED,
    CREATED,
    BOUNCE,
    REJECTED,
    DROPPED,
    DUPLICATE,
    FAILED;

    /** Whether the mail may be processed again: it failed, or was never processed; any other outcome stands. */
    public boolean retryable() {
        return this == FAILED || this == RECEIVED;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static InboundOutcome of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
