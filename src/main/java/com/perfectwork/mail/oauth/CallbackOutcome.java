package com.perfectwork.mail.oauth;

/** What the provider's answer at {@code /oauth/callback} came to, for the page that tells the administrator. */
public sealed interface CallbackOutcome {

    /** The server's account is connected: its refresh token is stored. */
    record Connected(OAuthServer server, OAuthProvider provider) implements CallbackOutcome {}

    /**
     * Nothing was connected, and why: {@code server} is the one the authorization was for, or null when the answer
     * could not be tied to one (an unknown, used or expired state).
     */
    record Refused(OAuthServer server, String title, String detail) implements CallbackOutcome {}
}
