package com.perfectwork.mail.directory;

/** What authentication needs to know about a user; the hash is the password encoder's format. */
public record LoginCredentials(
        long userId, String login, String passwordHash, Role role, long partnerId, boolean active) {}
