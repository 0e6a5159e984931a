package com.perfectwork.mail.oauth;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Speaks OAuth 2.0 (RFC 6749) with a provider through Nimbus's SDK: the authorization request with PKCE (RFC 7636,
 * S256), and the token requests (authorization code, refresh token) with the client secret in the body, which both
 * Google and Microsoft take. An answer the provider refused comes back as {@link Refused}, with its error code.
 */
@Component
class ProviderClient {

    /** The tokens a token endpoint gave; {@code refreshToken} is null when it kept the one it had. Never logged. */
    record Tokens(String accessToken, Instant expiresAt, String refreshToken) {

        @Override
        public String toString() {
            return "Tokens[expiresAt=" + expiresAt + ", refreshToken " + (refreshToken == null ? "kept" : "new") + "]";
        }
    }

    /** The token endpoint answered with an error (RFC 6749 §5.2): {@code invalid_grant}, {@code invalid_client}… */
    static final class Refused extends Exception {

        private final String code;

        Refused(String code, String description, int status) {
            super(code + (description == null || description.isBlank() ? "" : ": " + description) + " (HTTP " + status
                    + ")");
            this.code = code;
        }

        String code() {
            return code;
        }

        /** The grant is gone (revoked, expired, the password changed): only connecting again brings one back. */
        boolean grantGone() {
            return "invalid_grant".equals(code);
        }
    }

    /** When a token endpoint leaves out {@code expires_in} (it should not): the usual hour, less the margin. */
    private static final long UNKNOWN_LIFETIME_SECONDS = 3600;

    private final OAuthSettings settings;
    private final Clock clock;

    ProviderClient(OAuthSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Where to send the administrator's browser to grant access. */
    URI authorizationUri(
            OAuthProvider provider,
            OAuthApplications.Application application,
            URI redirect,
            String state,
            String codeVerifier) {
        OAuthSettings.Endpoints endpoints = settings.of(provider);
        AuthorizationRequest.Builder request = new AuthorizationRequest.Builder(
                        new ResponseType(ResponseType.Value.CODE), new ClientID(application.clientId()))
                .endpointURI(endpoints.authorizationUri())
                .redirectionURI(redirect)
                .scope(Scope.parse(endpoints.scope()))
                .state(new State(state))
                .codeChallenge(new CodeVerifier(codeVerifier), CodeChallengeMethod.S256);
        if (provider == OAuthProvider.GOOGLE) {
            // Google gives a refresh token only to an offline request, and again only when consent is asked again
            request.customParameter("access_type", "offline").customParameter("prompt", "consent");
        }
        return request.build().toURI();
    }

    Tokens exchange(
            OAuthProvider provider,
            OAuthApplications.Application application,
            String code,
            URI redirect,
            String codeVerifier)
            throws Refused, IOException {
        return tokens(
                provider,
                application,
                new AuthorizationCodeGrant(new AuthorizationCode(code), redirect, new CodeVerifier(codeVerifier)));
    }

    Tokens refresh(OAuthProvider provider, OAuthApplications.Application application, String refreshToken)
            throws Refused, IOException {
        return tokens(provider, application, new RefreshTokenGrant(new RefreshToken(refreshToken)));
    }

    private Tokens tokens(OAuthProvider provider, OAuthApplications.Application application, AuthorizationGrant grant)
            throws Refused, IOException {
        TokenRequest request = new TokenRequest(
                settings.of(provider).tokenUri(),
                new ClientSecretPost(new ClientID(application.clientId()), new Secret(application.clientSecret())),
                grant);
        HTTPRequest http = request.toHTTPRequest();
        http.setConnectTimeout((int) settings.timeout().toMillis());
        http.setReadTimeout((int) settings.timeout().toMillis());
        HTTPResponse response = http.send();
        TokenResponse answer;
        try {
            answer = TokenResponse.parse(response);
        } catch (ParseException e) {
            throw new IOException(
                    "the token endpoint " + settings.of(provider).tokenUri() + " answered HTTP "
                            + response.getStatusCode() + " with something else than an OAuth2 answer",
                    e);
        }
        if (!answer.indicatesSuccess()) {
            ErrorObject error = answer.toErrorResponse().getErrorObject();
            throw new Refused(
                    error.getCode() == null ? "unknown_error" : error.getCode(),
                    error.getDescription(),
                    response.getStatusCode());
        }
        AccessTokenResponse ok = answer.toSuccessResponse();
        long lifetime = ok.getTokens().getAccessToken().getLifetime();
        RefreshToken refresh = ok.getTokens().getRefreshToken();
        return new Tokens(
                ok.getTokens().getAccessToken().getValue(),
                clock.instant().plusSeconds(lifetime > 0 ? lifetime : UNKNOWN_LIFETIME_SECONDS),
                refresh == null ? null : refresh.getValue());
    }
}
