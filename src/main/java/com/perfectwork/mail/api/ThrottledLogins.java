package com.perfectwork.mail.api;

import com.perfectwork.mail.directory.LoginThrottle;
import com.perfectwork.mail.directory.LoginThrottledException;
import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * A login and password, from the login form or HTTP Basic, checked only when the {@link LoginThrottle} lets the
 * attempt through: a refused one costs no password hash. A wrong password, an unknown login and an inactive account
 * count as failures; a database out of reach does not (the attempt said nothing about the password).
 */
class ThrottledLogins implements AuthenticationProvider {

    private final LoginThrottle throttle;
    private final AuthenticationProvider passwords;

    ThrottledLogins(LoginThrottle throttle, AuthenticationProvider passwords) {
        this.throttle = throttle;
        this.passwords = passwords;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String login = attempt.getName();
        String address =
                attempt.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : "";
        throttle.wait(login, address).ifPresent(wait -> {
            throw new LoginThrottledException(wait);
        });
        try {
            Authentication authenticated = passwords.authenticate(attempt);
            throttle.succeeded(login, address);
            return authenticated;
        } catch (BadCredentialsException | AccountStatusException e) {
            throttle.failed(login, address);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return passwords.supports(authentication);
    }
}
