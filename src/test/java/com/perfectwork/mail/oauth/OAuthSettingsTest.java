package com.perfectwork.mail.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OAuthSettingsTest {

    @Test
    void unsetEndpointsAreTheProvidersOwn() {
        OAuthSettings settings = new OAuthSettings(
                null,
                null,
                Duration.ofMinutes(10),
                Duration.ofMinutes(5),
                Duration.ofSeconds(30),
                Duration.ofSeconds(20));
        assertThat(settings.of(OAuthProvider.GOOGLE).tokenUri()).hasToString("https://oauth2.googleapis.com/token");
        assertThat(settings.of(OAuthProvider.GOOGLE).scope()).isEqualTo("https://mail.google.com/");
        assertThat(settings.of(OAuthProvider.MICROSOFT).scope())
                .contains("IMAP.AccessAsUser.All", "POP.AccessAsUser.All", "SMTP.Send", "offline_access");
    }

    @Test
    void aTenantsEndpointsReplaceOnlyWhatTheyName() {
        URI tenant = URI.create("https://login.microsoftonline.com/0123-tenant/oauth2/v2.0/authorize");
        OAuthSettings settings = new OAuthSettings(
                null,
                new OAuthSettings.Endpoints(tenant, null, " "),
                Duration.ofMinutes(10),
                Duration.ofMinutes(5),
                Duration.ofSeconds(30),
                Duration.ofSeconds(20));
        assertThat(settings.of(OAuthProvider.MICROSOFT).authorizationUri()).isEqualTo(tenant);
        assertThat(settings.of(OAuthProvider.MICROSOFT).tokenUri()).isEqualTo(OAuthSettings.MICROSOFT.tokenUri());
        assertThat(settings.of(OAuthProvider.MICROSOFT).scope()).isEqualTo(OAuthSettings.MICROSOFT.scope());
    }

    @Test
    void aProviderIsReadFromItsCodeAndAnythingElseIsRefusedAsItsField() {
        assertThat(OAuthProvider.parse(" Google ", "oauthProvider")).isEqualTo(OAuthProvider.GOOGLE);
        assertThat(OAuthProvider.parse(null, "oauthProvider")).isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OAuthProvider.parse("yahoo", "oauthProvider"))
                .hasFieldOrPropertyWithValue("field", "oauthProvider");
    }
}
