package com.perfectwork.mail.outgoing;

/** How the SMTP connection is protected. */
public enum Encryption {
    NONE,
    STARTTLS,
    SSL
}
