package com.perfectwork.mail.outgoing;

import com.perfectwork.mail.oauth.AccessTokens;
import com.perfectwork.mail.oauth.TokenOutcome;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import org.springframework.stereotype.Component;

/**
 * Signs in to an SMTP server as it asks: no login, its password, or SASL XOAUTH2 (Google's and Microsoft's) with a
 * current access token of its account. A token the server refuses is refreshed and tried once more; a server whose
 * account must be connected (again) opens nothing, and its mails wait for it without counting an attempt.
 */
@Component
class SmtpSignIn {

    /** What a reason ends with when mails wait for an account to be connected: what a reconnection releases. */
    static final String WAITS_FOR_ACCOUNT = "; mails wait until an administrator connects the account";

    /** How to open a session with a secret (a password, an access token, or null without login). */
    interface Opener {
        SmtpSession open(String secret) throws MessagingException;
    }

    /** A session signed in, with the secret it signed in with; or why its mails wait. */
    sealed interface SignedIn {
        record Open(SmtpSession session, String secret) implements SignedIn {}

        record Waiting(String reason) implements SignedIn {}
    }

    private final MailServers servers;
    private final AccessTokens tokens;

    SmtpSignIn(MailServers servers, AccessTokens tokens) {
        this.servers = servers;
        this.tokens = tokens;
    }

    /**
     * Opens a session for the server; a {@link MessagingException} when it cannot be reached or refuses the login (as
     * when opening it directly), or when the provider cannot give a token now.
     */
    SignedIn open(MailServer server, Opener opener) throws MessagingException {
        if (!server.oauth2() || server.configured()) {
            String password = servers.password(server);
            return new SignedIn.Open(opener.open(password), password);
        }
        TokenOutcome token = tokens.accessToken(server.oauthServer());
        if (!(token instanceof TokenOutcome.Granted granted)) {
            return notGranted(server, token, null);
        }
        try {
            return new SignedIn.Open(opener.open(granted.accessToken()), granted.accessToken());
        } catch (AuthenticationFailedException refused) {
            // expired early, or revoked: one refresh, one more try; a second refusal is the server's last word
            TokenOutcome again = tokens.afterRejection(server.oauthServer(), granted.accessToken());
            if (!(again instanceof TokenOutcome.Granted fresh)) {
                return notGranted(server, again, refused);
            }
            return new SignedIn.Open(opener.open(fresh.accessToken()), fresh.accessToken());
        }
    }

    private static SignedIn notGranted(MailServer server, TokenOutcome outcome, MessagingException refused)
            throws MessagingException {
        if (outcome instanceof TokenOutcome.ReconnectNeeded reconnect) {
            return new SignedIn.Waiting(server.label() + ": OAuth2 " + reconnect.reason() + WAITS_FOR_ACCOUNT);
        }
        // a temporary failure (retried on the usual schedule): the refusal before is told, not chained, so that it is
        // not taken for a wrong password, which fails the mail at once
        throw new MessagingException("no OAuth2 access token for " + server.label() + ": "
                + ((TokenOutcome.Unavailable) outcome).reason()
                + (refused == null ? "" : " (the server had refused the one before: " + refused.getMessage() + ")"));
    }
}
