package com.perfectwork.mail.api;

import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.oauth.OAuthAuthorization;
import com.perfectwork.mail.oauth.OAuthProvider;
import com.perfectwork.mail.oauth.OAuthServer;
import java.security.Principal;
import org.springframework.stereotype.Component;

/**
 * {@code POST /api/mail-servers/{id}/oauth/authorize} and its twin of the incoming servers: where to send the
 * administrator's browser to connect the server's account. The provider sends it back to {@code /oauth/callback},
 * which the same administrator opens signed in to the pages (the API keeps no session to bind the state to).
 */
@Component
class ServerAuthorizations {

    record AuthorizeResponse(String authorizationUrl) {}

    private final OAuthAuthorization authorization;

    ServerAuthorizations(OAuthAuthorization authorization) {
        this.authorization = authorization;
    }

    AuthorizeResponse start(OAuthServer server, boolean oauth2, OAuthProvider provider, Principal caller) {
        if (!oauth2 || provider == null) {
            throw new InvalidInputException(
                    "authentication",
                    "the server does not sign in with OAuth2: set authentication to oauth2 and oauthProvider first");
        }
        return new AuthorizeResponse(authorization
                .start(server, provider, caller.getName(), false)
                .authorizationUrl()
                .toString());
    }
}
