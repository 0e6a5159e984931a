package com.perfectwork.mail.directory;

import java.time.Instant;

/**
 * A contact. {@code email} is kept as it was given (display name included, if any);
 * {@code emailNormalized} is what every look-up compares (see {@code EmailAddress.normalized()}).
 */
public record Partner(long id, String name, String email, String emailNormalized, int bounceCount, Instant createdAt) {

    public boolean hasEmail() {
        return emailNormalized != null;
    }
}
