package com.perfectwork.mail.bounce;

import java.util.Locale;

/** Why a mail bounced, from the fixed list the API and the blacklist notes use. */
public enum BounceReason {
    USER_UNKNOWN,
    HOST_UNKNOWN,
    MAILBOX_FULL,
    MESSAGE_TOO_LARGE,
    REJECTED_AS_SPAM,
    BLOCKED,
    EXPIRED,
    SUSPENDED,
    RELAY_DENIED,
    OTHER;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
