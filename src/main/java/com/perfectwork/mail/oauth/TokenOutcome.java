package com.perfectwork.mail.oauth;

/**
 * What asking for a server's access token gave: a token to sign in with; a server that waits for an administrator
 * to connect its account (again), which no retry can fix; or a provider that could not give one now (unreachable,
 * or refusing the application's credentials), which a later try may.
 */
public sealed interface TokenOutcome {

    /** The access token, sent as the XOAUTH2 password; never logged. */
    record Granted(String accessToken) implements TokenOutcome {

        @Override
        public String toString() {
            return "Granted[token hidden]";
        }
    }

    /** Not connected yet, or the provider refused the refresh ({@code invalid_grant}): "reconnect needed". */
    record ReconnectNeeded(String reason) implements TokenOutcome {}

    /** The provider's token endpoint could not give a token now; the reason is its words or the network's. */
    record Unavailable(String reason) implements TokenOutcome {}
}
