package com.perfectwork.mail.oauth;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Deployment settings of OAuth2 ({@code perfectwork.oauth.*}): each provider's authorization and token endpoints and
 * scope, by default Google's and Microsoft's own (Microsoft's {@code common} tenant: a single-tenant application names
 * its tenant instead); how long an authorization may take ({@code state-lifetime}); how long before its expiry an
 * access token is refreshed ({@code refresh-margin}); how long one instance may hold a server's refresh
 * ({@code refresh-lease}); and the time-out of a call to a token endpoint.
 */
@ConfigurationProperties("perfectwork.oauth")
public record OAuthSettings(
        Endpoints google,
        Endpoints microsoft,
        @DefaultValue("10m") Duration stateLifetime,
        @DefaultValue("5m") Duration refreshMargin,
        @DefaultValue("30s") Duration refreshLease,
        @DefaultValue("20s") Duration timeout) {

    /** One provider's endpoints; a part left unset takes the provider's own. */
    public record Endpoints(URI authorizationUri, URI tokenUri, String scope) {

        Endpoints over(Endpoints defaults) {
            return new Endpoints(
                    authorizationUri == null ? defaults.authorizationUri : authorizationUri,
                    tokenUri == null ? defaults.tokenUri : tokenUri,
                    scope == null || scope.isBlank() ? defaults.scope : scope);
        }
    }

    static final Endpoints GOOGLE = new Endpoints(
            URI.create("https://accounts.google.com/o/oauth2/v2/auth"),
            URI.create("https://oauth2.googleapis.com/token"),
            // the one scope Google grants for IMAP, POP3 and SMTP
            "https://mail.google.com/");

    static final Endpoints MICROSOFT = new Endpoints(
            URI.create("https://login.microsoftonline.com/common/oauth2/v2.0/authorize"),
            URI.create("https://login.microsoftonline.com/common/oauth2/v2.0/token"),
            // offline_access: without it Microsoft gives no refresh token
            "https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/POP.AccessAsUser.All"
                    + " https://outlook.office.com/SMTP.Send offline_access");

    public OAuthSettings {
        google = google == null ? GOOGLE : google.over(GOOGLE);
        microsoft = microsoft == null ? MICROSOFT : microsoft.over(MICROSOFT);
    }

    public Endpoints of(OAuthProvider provider) {
        return switch (provider) {
            case GOOGLE -> google;
            case MICROSOFT -> microsoft;
        };
    }
}
