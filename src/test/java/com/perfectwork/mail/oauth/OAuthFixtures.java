package com.perfectwork.mail.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** The applications registered with the local providers, and servers that sign in with them. */
final class OAuthFixtures {

    private OAuthFixtures() {}

    /** Both applications (Gmail and Outlook) with the local authorization server's client. */
    static void registerApplications(ApiClient api) {
        for (String key : new String[] {"google_gmail_client_identifier", "microsoft_outlook_client_identifier"}) {
            assertThat(api.put("/api/config-parameters/" + key, Map.of("value", LocalAuthorizationServer.CLIENT_ID))
                            .status())
                    .isEqualTo(200);
        }
        for (String key : new String[] {"google_gmail_client_secret", "microsoft_outlook_client_secret"}) {
            assertThat(api.put("/api/config-parameters/" + key, Map.of("value", LocalAuthorizationServer.CLIENT_SECRET))
                            .status())
                    .isEqualTo(200);
        }
    }

    static Map<String, Object> outgoing(String provider, String account, int port) {
        Map<String, Object> server = new HashMap<>();
        server.put("name", provider + " " + account + " " + System.nanoTime());
        server.put("host", "127.0.0.1");
        server.put("port", port);
        server.put("encryption", "starttls");
        server.put("authentication", "oauth2");
        server.put("oauthProvider", provider);
        server.put("username", account);
        server.put("verifyCertificates", false);
        return server;
    }

    static long outgoingServer(ApiClient api, String provider, String account, int port) {
        ApiClient.Response created = api.post("/api/mail-servers", outgoing(provider, account, port));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.id();
    }

    static long incomingServer(ApiClient api, String provider, String protocol, String account, int port) {
        Map<String, Object> server = new HashMap<>();
        server.put("name", provider + " " + protocol + " " + account + " " + System.nanoTime());
        server.put("protocol", protocol);
        server.put("host", "127.0.0.1");
        server.put("port", port);
        server.put("security", "ssl");
        server.put("authentication", "oauth2");
        server.put("oauthProvider", provider);
        server.put("username", account);
        server.put("verifyCertificates", false);
        ApiClient.Response created = api.post("/api/incoming-servers", server);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.id();
    }

    /**
     * Connects a server's account as an administrator does: the API's authorization URL opened in a browser signed in
     * to the pages, the local provider answering for {@code account}, back on the server's page connected.
     */
    static void connect(ApiClient api, int port, String server, String account) {
        LocalAuthorizationServer.shared().signInAs(account);
        ApiClient.Response answer = api.post(server + "/oauth/authorize", Map.of());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        AdminBrowser.Page page = new AdminBrowser(URI.create("http://127.0.0.1:" + port))
                .login("admin", ApiTest.ADMIN_PASSWORD)
                .get(answer.json().get("authorizationUrl").asString());
        assertThat(page.text("flash")).as(page.body()).contains("Connected");
    }
}
