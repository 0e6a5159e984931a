package com.perfectwork.mail.discussion;

/**
 * {@code COMMENT}: posted in the chatter and emailed to followers. {@code NOTE}: internal, notifies nobody.
 * {@code EMAIL}: received by email. {@code NOTIFICATION}: written by the system.
 */
public enum MessageType {
    COMMENT,
    NOTE,
    EMAIL,
    NOTIFICATION
}
