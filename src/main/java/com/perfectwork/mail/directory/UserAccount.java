package com.perfectwork.mail.directory;

import java.time.Instant;

/** A user as shown to others: never carries the password hash. Name and email are its partner's. */
public record UserAccount(
        long id,
        String login,
        String name,
        String email,
        Role role,
        long partnerId,
        boolean active,
        Instant createdAt,
        NotificationPreference notificationPreference) {}
