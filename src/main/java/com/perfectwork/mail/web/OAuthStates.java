package com.perfectwork.mail.web;

import jakarta.servlet.http.HttpSession;
import java.util.HashSet;
import java.util.Set;

/**
 * The authorizations a browser session started from the pages: their states, kept in the session, so that the
 * provider's answer is taken only in the session that asked for it (a state carried to another browser is refused).
 */
final class OAuthStates {

    private static final String ATTRIBUTE = OAuthStates.class.getName();

    private OAuthStates() {}

    static void remember(HttpSession session, String state) {
        synchronized (session) {
            Set<String> states = new HashSet<>(of(session));
            states.add(state);
            session.setAttribute(ATTRIBUTE, states);
        }
    }

    @SuppressWarnings("unchecked")
    static Set<String> of(HttpSession session) {
        if (session == null) {
            return Set.of();
        }
        Object states = session.getAttribute(ATTRIBUTE);
        return states instanceof Set<?> set ? Set.copyOf((Set<String>) set) : Set.of();
    }

    static void forget(HttpSession session, String state) {
        if (session == null || state == null) {
            return;
        }
        synchronized (session) {
            Set<String> states = new HashSet<>(of(session));
            if (states.remove(state)) {
                session.setAttribute(ATTRIBUTE, states);
            }
        }
    }
}
