package com.perfectwork.mail.web;

import com.perfectwork.mail.directory.UserAccounts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The contact of the signed-in user, looked up once per session: every page and every poll of the inbox's counter
 * needs it, and a poll should cost the one statement that answers it. Kept with the login it belongs to, so that a
 * session that signs in as someone else (its attributes carry over) looks it up again.
 */
@Component
class SignedInPartner {

    static final String ATTRIBUTE = SignedInPartner.class.getName();

    private record Remembered(String login, long partnerId) implements Serializable {}

    private final UserAccounts users;

    SignedInPartner(UserAccounts users) {
        this.users = users;
    }

    /** Empty when nobody is signed in, or the login has no account (any more). */
    Optional<Long> of(HttpServletRequest request) {
        if (request.getUserPrincipal() == null) {
            return Optional.empty();
        }
        String login = request.getUserPrincipal().getName();
        HttpSession session = request.getSession(false);
        if (session != null
                && session.getAttribute(ATTRIBUTE) instanceof Remembered remembered
                && remembered.login().equals(login)) {
            return Optional.of(remembered.partnerId());
        }
        Optional<Long> partner = users.findByLogin(login).map(account -> account.partnerId());
        if (session != null) {
            partner.ifPresent(id -> session.setAttribute(ATTRIBUTE, new Remembered(login, id)));
        }
        return partner;
    }
}
