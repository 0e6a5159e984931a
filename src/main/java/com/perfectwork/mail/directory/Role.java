package com.perfectwork.mail.directory;

/** What a user may do: administrators manage settings and users; users work in the chatter. */
public enum Role {
    ADMIN,
    USER
}
