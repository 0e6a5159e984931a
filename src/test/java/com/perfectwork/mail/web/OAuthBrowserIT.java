package com.perfectwork.mail.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.oauth.LocalAuthorizationServer;
import com.perfectwork.mail.oauth.OAuthApiTest;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * An administrator connects a server's Gmail account in Chromium: the application's credentials entered in
 * Settings ‣ Discuss, the server saved with OAuth2, "Connect your Gmail account", the local authorization server's
 * consent page, and back on the server's page, connected; a declined consent says so on a page of its own.
 */
@OAuthApiTest
class OAuthBrowserIT {

    @LocalServerPort
    int port;

    final LocalAuthorizationServer provider = LocalAuthorizationServer.shared();
    ApiClient api;
    Browser browser;

    @BeforeAll
    static void needsChromium() {
        assumeTrue(Browser.available(), "Debian's chromium and chromium-driver are not installed");
    }

    @BeforeEach
    void setUp() {
        provider.reset();
        provider.interactive(true);
        api = ApiClient.admin(port);
        browser = new Browser(port);
    }

    @AfterEach
    void tearDown(TestInfo test) throws IOException {
        try {
            browser.screenshot(test.getTestMethod().orElseThrow().getName());
        } finally {
            browser.close();
        }
    }

    @Test
    void anAdministratorConnectsTheGmailAccountOfAnOutgoingServer() {
        browser.login("admin", ApiTest.ADMIN_PASSWORD).open("/web/settings");
        assertThat(browser.element("redirect-uri").getText()).isEqualTo("http://127.0.0.1:" + port + "/oauth/callback");
        browser.type("googleClientId", LocalAuthorizationServer.CLIENT_ID)
                .type("googleClientSecret", LocalAuthorizationServer.CLIENT_SECRET)
                .click("save-applications");
        assertThat(browser.waitForText("flash", "saved")).contains("Gmail and Outlook applications saved.");
        assertThat(browser.element("googleClientSecret").getDomProperty("value"))
                .isEmpty();
        assertThat(browser.element("googleClientSecret-help").getText()).contains("A secret is stored");

        browser.open("/web/settings/outgoing-servers/new")
                .type("name", "Gmail of sales")
                .type("host", "127.0.0.1")
                .select("authentication", "oauth2")
                .select("oauthProvider", "google")
                .type("username", "sales@mycompany.example")
                .click("save");
        assertThat(browser.waitForText("flash", "Saved")).contains("Saved Gmail of sales");
        assertThat(browser.element("oauth-status").getText()).contains("Not connected");

        provider.signInAs("sales@mycompany.example");
        browser.click("oauth-connect");
        assertThat(browser.element("allow").getText()).isEqualTo("Allow");
        browser.click("allow");
        assertThat(browser.waitForText("flash", "Connected")).contains("Gmail account signs in");
        assertThat(browser.element("oauth-status").getText()).contains("Connected");
        assertThat(browser.path()).startsWith("/web/settings/outgoing-servers/");
        JsonNode server = api.get("/api"
                        + browser.path()
                                .substring("/web/settings".length())
                                .replace("outgoing-servers", "mail-servers"))
                .json();
        assertThat(server.get("oauthConnected").asBoolean()).isTrue();
        browser.open("/web/settings/outgoing-servers");
        assertThat(browser.element("sign-in-" + server.get("id").asLong()).getText())
                .isEqualTo("Gmail: connected");
    }

    @Test
    void aDeclinedConsentIsSaidOnAPageOfItsOwn() {
        api.put(
                "/api/config-parameters/google_gmail_client_identifier",
                java.util.Map.of("value", LocalAuthorizationServer.CLIENT_ID));
        api.put(
                "/api/config-parameters/google_gmail_client_secret",
                java.util.Map.of("value", LocalAuthorizationServer.CLIENT_SECRET));
        java.util.Map<String, Object> fields = new java.util.HashMap<>();
        fields.put("name", "Declined " + System.nanoTime());
        fields.put("host", "127.0.0.1");
        fields.put("authentication", "oauth2");
        fields.put("oauthProvider", "google");
        fields.put("username", "declined@mycompany.example");
        long id = api.post("/api/mail-servers", fields).id();

        browser.login("admin", ApiTest.ADMIN_PASSWORD)
                .open("/web/settings/outgoing-servers/" + id)
                .click("oauth-connect");
        browser.click("deny");
        assertThat(browser.element("oauth-title").getText()).contains("was not connected");
        assertThat(browser.element("oauth-detail").getText()).contains("access_denied");
        browser.click("oauth-back");
        assertThat(browser.element("oauth-status").getText()).contains("Not connected");
    }
}
