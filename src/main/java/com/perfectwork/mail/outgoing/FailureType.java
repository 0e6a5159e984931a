package com.perfectwork.mail.outgoing;

import java.util.Locale;

/** Why a mail failed, as the queue and the red envelope show it. */
public enum FailureType {
    MAIL_EMAIL_MISSING,
    MAIL_EMAIL_INVALID,
    MAIL_FROM_INVALID,
    MAIL_FROM_MISSING,
    MAIL_SMTP,
    MAIL_BOUNCE,
    UNKNOWN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
