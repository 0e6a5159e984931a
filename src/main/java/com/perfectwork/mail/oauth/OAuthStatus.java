package com.perfectwork.mail.oauth;

/**
 * What a server's page and JSON show of its OAuth2 account: {@code connected} once an administrator connected it
 * and as long as the provider keeps the grant; {@code error} says why it must be connected again ("reconnect
 * needed"), else null.
 */
public record OAuthStatus(boolean connected, String error) {

    static final OAuthStatus NOT_CONNECTED = new OAuthStatus(false, null);

    /** Whether the server has to be connected (again) before it can sign in. */
    public boolean needsConnecting() {
        return !connected;
    }
}
