package com.perfectwork.mail.api;

import com.perfectwork.mail.directory.LoginCredentials;
import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** The authenticated caller, whichever way it authenticated; carries its partner for posting. */
class CurrentUser extends User {

    private final long userId;
    private final long partnerId;

    CurrentUser(LoginCredentials credentials) {
        super(
                credentials.login(),
                credentials.passwordHash(),
                credentials.active(),
                true,
                true,
                true,
                List.of(new SimpleGrantedAuthority("ROLE_" + credentials.role().name())));
        this.userId = credentials.userId();
        this.partnerId = credentials.partnerId();
    }

    long userId() {
        return userId;
    }

    long partnerId() {
        return partnerId;
    }
}
