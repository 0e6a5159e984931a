package com.perfectwork.mail.oauth;

import java.util.Locale;

/** A server whose account signs in with OAuth2: an outgoing (SMTP) or an incoming (IMAP, POP3) one, by its id. */
public record OAuthServer(Kind kind, long id) {

    public enum Kind {
        OUTGOING,
        INCOMING;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind of(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }

    public static OAuthServer outgoing(long id) {
        return new OAuthServer(Kind.OUTGOING, id);
    }

    public static OAuthServer incoming(long id) {
        return new OAuthServer(Kind.INCOMING, id);
    }
}
