package com.perfectwork.mail.discussion;

/** Where one recipient's copy of a message stands. {@code BOUNCE} and {@code EXCEPTION} are the red envelope. */
public enum NotificationStatus {
    READY,
    SENT,
    BOUNCE,
    EXCEPTION,
    CANCELED;

    public boolean failed() {
        return this == BOUNCE || this == EXCEPTION;
    }
}
