package com.perfectwork.mail.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.MovableClock;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Connecting a server's Gmail or Outlook account, driven over HTTP as a browser goes: from the API's or the page's
 * "connect" to the local authorization server, back to {@code /oauth/callback}, and to the server's page. The state is
 * single-use, expires, and is bound to the administrator and the page's session; a declined consent or a token
 * endpoint that fails connects nothing and says so on a page of its own.
 */
@OAuthApiTest
class OAuthConnectIT {

    @LocalServerPort
    int port;

    @Autowired
    MovableClock clock;

    @Autowired
    JdbcClient jdbc;

    final LocalAuthorizationServer provider = LocalAuthorizationServer.shared();
    ApiClient api;

    @BeforeEach
    void applications() {
        provider.reset();
        api = ApiClient.admin(port);
        OAuthFixtures.registerApplications(api);
    }

    @Test
    void clientSecretsAreWriteOnlyAndEncrypted() {
        JsonNode secret =
                api.get("/api/config-parameters/google_gmail_client_secret").json();
        assertThat(secret.get("value").isNull()).as(secret.toString()).isTrue();
        assertThat(api.get("/api/config-parameters").body()).doesNotContain(LocalAuthorizationServer.CLIENT_SECRET);
        assertThat(api.get("/api/config-parameters/google_gmail_client_identifier")
                        .json()
                        .get("value")
                        .asString())
                .isEqualTo(LocalAuthorizationServer.CLIENT_ID);
        String stored = jdbc.sql("SELECT param_value FROM config_parameters WHERE param_key = ?")
                .param("microsoft_outlook_client_secret")
                .query(String.class)
                .single();
        assertThat(stored).isNotBlank().doesNotContain(LocalAuthorizationServer.CLIENT_SECRET);
        assertThat(api.put("/api/config-parameters/google_gmail_client_secret", Map.of("value", ""))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void anAccountConnectedFromTheApiShowsOnItsServer() {
        long id = OAuthFixtures.outgoingServer(api, "google", "sales@mycompany.example", 587);
        JsonNode before = api.get("/api/mail-servers/" + id).json();
        assertThat(before.get("oauthConnected").asBoolean()).isFalse();
        assertThat(before.get("oauthProvider").asString()).isEqualTo("google");

        URI authorization = authorize("/api/mail-servers/" + id);
        Map<String, String> query = query(authorization);
        assertThat(authorization.toString())
                .startsWith(provider.authorizationUri("google").toString());
        assertThat(query)
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("access_type", "offline")
                .containsEntry("redirect_uri", "http://127.0.0.1:" + port + "/oauth/callback")
                .containsEntry("scope", "https://mail.google.com/")
                .containsKeys("state", "code_challenge");

        AdminBrowser browser = signedIn();
        AdminBrowser.Page page = browser.get(authorization.toString());
        assertThat(page.url().getPath()).isEqualTo("/web/settings/outgoing-servers/" + id);
        assertThat(page.text("flash")).contains("Connected", "Gmail");
        JsonNode after = api.get("/api/mail-servers/" + id).json();
        assertThat(after.get("oauthConnected").asBoolean()).as(after.toString()).isTrue();
        assertThat(after.get("oauthError").isNull()).isTrue();
        assertThat(provider.codeExchanges()).isEqualTo(1);
        assertThat(after.toString()).doesNotContain("refresh").doesNotContain("accessToken");
        String storedRefresh = jdbc.sql("SELECT refresh_token_encrypted FROM oauth_connections WHERE server_id = ?")
                .param(id)
                .query(String.class)
                .single();
        assertThat(provider.knowsRefreshToken(storedRefresh))
                .as("stored encrypted")
                .isFalse();

        URI callback = browser.visited().stream()
                .filter(u -> u.getPath().equals("/oauth/callback"))
                .findFirst()
                .orElseThrow();
        AdminBrowser.Page replayed = browser.get(callback.toString());
        assertThat(replayed.status()).isEqualTo(400);
        assertThat(replayed.text("oauth-title")).contains("unknown or was used already");
    }

    @Test
    void anAdministratorSignedOutSignsInOnTheWayBack() {
        long id = OAuthFixtures.incomingServer(api, "microsoft", "imap", "support@mycompany.example", 993);
        URI authorization = authorize("/api/incoming-servers/" + id);
        assertThat(query(authorization).get("scope")).contains("IMAP.AccessAsUser.All", "offline_access");

        AdminBrowser browser = new AdminBrowser(base());
        AdminBrowser.Page login = browser.get(authorization.toString());
        assertThat(login.url().getPath()).isEqualTo("/web/login");
        AdminBrowser.Page page =
                browser.post("/web/login", Map.of("username", "admin", "password", ApiTest.ADMIN_PASSWORD));
        assertThat(page.url().getPath()).isEqualTo("/web/settings/incoming-servers/" + id);
        assertThat(page.text("flash")).contains("Outlook");
        assertThat(connected("/api/incoming-servers/" + id)).isTrue();
    }

    @Test
    void aDeclinedConsentConnectsNothing() {
        long id = OAuthFixtures.outgoingServer(api, "google", "declined@mycompany.example", 587);
        provider.denying(true);
        AdminBrowser browser = signedIn();
        browser.get("/web/settings/outgoing-servers/" + id);
        AdminBrowser.Page page = browser.post("/web/settings/outgoing-servers/" + id + "/oauth", Map.of());
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.text("oauth-detail")).contains("access_denied");
        assertThat(connected("/api/mail-servers/" + id)).isFalse();
    }

    @Test
    void theAnswerIsTakenOnlyInTheSessionThatStartedIt() {
        long id = OAuthFixtures.outgoingServer(api, "google", "session@mycompany.example", 587);
        provider.interactive(true);
        AdminBrowser first = signedIn();
        first.get("/web/settings/outgoing-servers/" + id);
        AdminBrowser.Page consent = first.post("/web/settings/outgoing-servers/" + id + "/oauth", Map.of());
        assertThat(consent.url().getPath()).isEqualTo("/google/authorize");
        URI allow = consentAnswer(consent, "allow");

        AdminBrowser.Page elsewhere = signedIn().get(allow.toString());
        assertThat(elsewhere.status()).isEqualTo(400);
        assertThat(elsewhere.text("oauth-detail")).contains("another browser session");
        assertThat(connected("/api/mail-servers/" + id)).isFalse();
    }

    @Test
    void anotherAdministratorCannotFinishASignInStartedByTheFirst() {
        long id = OAuthFixtures.outgoingServer(api, "google", "other@mycompany.example", 587);
        String login = "second-admin-" + System.nanoTime();
        String password = "second-admin-password";
        ApiClient.Response created = api.post(
                "/api/users",
                Map.of(
                        "login",
                        login,
                        "password",
                        password,
                        "name",
                        "Second Admin",
                        "email",
                        login + "@mycompany.example",
                        "role",
                        "admin"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        URI authorization = authorize("/api/mail-servers/" + id);

        AdminBrowser.Page page = new AdminBrowser(base()).login(login, password).get(authorization.toString());
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.text("oauth-detail")).contains("another administrator");
        assertThat(connected("/api/mail-servers/" + id)).isFalse();
    }

    @Test
    void aSignInThatTookTooLongHasExpired() {
        long id = OAuthFixtures.outgoingServer(api, "google", "slow@mycompany.example", 587);
        URI authorization = authorize("/api/mail-servers/" + id);
        clock.advance(Duration.ofMinutes(11));
        AdminBrowser.Page page = signedIn().get(authorization.toString());
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.text("oauth-detail")).contains("expired");
        assertThat(page.text("oauth-back")).isNotBlank();
    }

    @Test
    void aTokenEndpointThatFailsConnectsNothing() {
        long id = OAuthFixtures.outgoingServer(api, "google", "outage@mycompany.example", 587);
        provider.tokenEndpointDown(true);
        AdminBrowser.Page page =
                signedIn().get(authorize("/api/mail-servers/" + id).toString());
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.text("oauth-detail")).contains("token endpoint");
        assertThat(connected("/api/mail-servers/" + id)).isFalse();
    }

    @Test
    void mailsForAServerNotConnectedYetWaitWithoutAnAttempt() {
        api.put("/api/config-parameters/mail.catchall.domain", Map.of("value", "mycompany.example"));
        OAuthFixtures.outgoingServer(api, "microsoft", "waiting@mycompany.example", 587);
        long record = api.post("/api/records", Map.of("model", "crm.lead", "name", "Waits for its account"))
                .id();
        api.post("/api/records/" + record + "/followers", Map.of("name", "Wanda", "email", "wanda@customer.example"));
        api.post("/api/records/" + record + "/messages", Map.of("body", "<p>Hello</p>", "type", "comment"));
        for (int pass = 0; pass < 2; pass++) {
            api.post("/api/mail-queue/process", Map.of());
            clock.advance(Duration.ofMinutes(2));
        }
        JsonNode waiting = null;
        for (JsonNode mail : api.get("/api/mail-queue?state=outgoing").json()) {
            if (mail.get("emailTo").asString().contains("wanda@")) {
                waiting = mail;
            }
        }
        assertThat(waiting).as("the mail is still in the queue").isNotNull();
        assertThat(waiting.get("attempts").asInt()).isZero();
        assertThat(waiting.get("failureReason").asString()).contains("OAuth2 not connected yet");
        assertThat(api.post("/api/mail-queue/" + waiting.get("id").asLong() + "/cancel", Map.of())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void onlyAnOAuth2ServerWithAProviderCanBeConnected() {
        Map<String, Object> server = new HashMap<>(OAuthFixtures.outgoing("google", "x@mycompany.example", 587));
        server.remove("oauthProvider");
        ApiClient.Response refused = api.post("/api/mail-servers", server);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("oauthProvider");
        server.put("authentication", "login");
        long login = api.post("/api/mail-servers", server).id();
        ApiClient.Response notOAuth = api.post("/api/mail-servers/" + login + "/oauth/authorize", Map.of());
        assertThat(notOAuth.status()).isEqualTo(400);
        assertThat(notOAuth.body()).contains("does not sign in with OAuth2");
    }

    private boolean connected(String server) {
        return api.get(server).json().get("oauthConnected").asBoolean();
    }

    private URI authorize(String server) {
        ApiClient.Response answer = api.post(server + "/oauth/authorize", Map.of());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return URI.create(answer.json().get("authorizationUrl").asString());
    }

    /** The consent page's form, answered: the address the browser goes to. */
    private static URI consentAnswer(AdminBrowser.Page consent, String decision) {
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(consent.body());
        StringBuilder query = new StringBuilder("decision=" + decision);
        page.select("input[type=hidden]")
                .forEach(input -> query.append('&')
                        .append(input.attr("name"))
                        .append('=')
                        .append(java.net.URLEncoder.encode(
                                input.attr("value"), java.nio.charset.StandardCharsets.UTF_8)));
        return consent.url().resolve("consent?" + query);
    }

    private AdminBrowser signedIn() {
        return new AdminBrowser(base()).login("admin", ApiTest.ADMIN_PASSWORD);
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            values.put(
                    java.net.URLDecoder.decode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return values;
    }
}
