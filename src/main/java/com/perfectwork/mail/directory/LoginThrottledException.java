package com.perfectwork.mail.directory;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/**
 * A login attempt refused by the {@link LoginThrottle} before its credentials were checked; {@link #retryAfterSeconds}
 * is what {@code Retry-After} says (RFC 9110, section 10.2.3).
 */
public class LoginThrottledException extends AuthenticationException {

    private final long retryAfterSeconds;

    public LoginThrottledException(Duration wait) {
        super("Too many failed logins");
        // whole seconds, rounded up: a client that waits what it is told is not refused again
        this.retryAfterSeconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
