package com.perfectwork.mail.outgoing;

/** How Perfectwork Mail logs in to the SMTP server. */
public enum Authentication {
    NONE,
    LOGIN,
    OAUTH2
}
