package com.perfectwork.mail.directory;

/**
 * What a user may do: administrators manage settings and users; users work in the chatter; marketing users work in
 * the chatter as users do and also in Email Marketing (its lists, contacts and mailings).
 */
public enum Role {
    ADMIN,
    USER,
    MARKETING
}
