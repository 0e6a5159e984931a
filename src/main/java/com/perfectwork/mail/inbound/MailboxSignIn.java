package com.perfectwork.mail.inbound;

import com.perfectwork.mail.oauth.AccessTokens;
import com.perfectwork.mail.oauth.TokenOutcome;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Opens a mailbox signed in as its server asks: with its password, or with SASL XOAUTH2 and a current access token of
 * its account, refreshed and tried once more when the server refuses it. A server whose account must be connected
 * (again) opens nothing: {@link ReconnectNeededException}.
 */
@Component
class MailboxSignIn {

    private final IncomingServers servers;
    private final AccessTokens tokens;

    MailboxSignIn(IncomingServers servers, AccessTokens tokens) {
        this.servers = servers;
        this.tokens = tokens;
    }

    MailboxSession open(IncomingServer server, Duration timeout, boolean readWrite) throws MessagingException {
        if (!server.oauth2()) {
            return MailboxSession.open(server, servers.password(server), timeout, readWrite);
        }
        String token = token(server, tokens.accessToken(server.oauthServer()));
        try {
            return MailboxSession.open(server, token, timeout, readWrite);
        } catch (AuthenticationFailedException refused) {
            // expired early, or revoked: one refresh, one more try; a second refusal is the server's last word
            String fresh = token(server, tokens.afterRejection(server.oauthServer(), token));
            return MailboxSession.open(server, fresh, timeout, readWrite);
        }
    }

    private static String token(IncomingServer server, TokenOutcome outcome) throws MessagingException {
        if (outcome instanceof TokenOutcome.Granted granted) {
            return granted.accessToken();
        }
        if (outcome instanceof TokenOutcome.ReconnectNeeded reconnect) {
            throw new ReconnectNeededException(server.label() + ": OAuth2 " + reconnect.reason()
                    + "; nothing is fetched from it until an administrator connects the account");
        }
        throw new MessagingException(
                "no OAuth2 access token for " + server.label() + ": " + ((TokenOutcome.Unavailable) outcome).reason());
    }

    /** The server's account must be connected (again): fetching stops, and the server says why. */
    static final class ReconnectNeededException extends MessagingException {

        ReconnectNeededException(String message) {
            super(message);
        }
    }
}
