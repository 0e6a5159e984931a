package com.perfectwork.mail.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

@ApiTest
class SecurityIT {

    @LocalServerPort
    int port;

    ApiClient admin;
    String userLogin;

    @BeforeEach
    void createAUser() {
        admin = ApiClient.admin(port);
        userLogin = "user-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin.post(
                                "/api/users",
                                Map.of(
                                        "login",
                                        userLogin,
                                        "password",
                                        "user-password-1",
                                        "name",
                                        "Una User",
                                        "email",
                                        userLogin + "@example.com",
                                        "role",
                                        "user"))
                        .status())
                .isEqualTo(201);
    }

    /** No Basic challenge, so that no browser asks for a password and keeps it for the forms of other sites. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/records",
                "/api/partners",
                "/api/config-parameters",
                "/api/users",
                "/api/attachments/1",
                "/actuator/beans"
            })
    void noCredentialsIsRefusedWithAProblemAndNoBasicChallenge(String path) {
        ApiClient.Response response = ApiClient.anonymous(port).get(path);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(401);
        assertNoBasicChallenge(response);
    }

    @Test
    void wrongPasswordIsRefusedWithoutABasicChallenge() {
        ApiClient.Response wrong =
                ApiClient.basic(port, "admin", "not-the-password").get("/api/records");
        assertThat(wrong.status()).isEqualTo(401);
        assertNoBasicChallenge(wrong);
        ApiClient.Response unknown = ApiClient.basic(port, "nobody-" + UUID.randomUUID(), "whatever-1")
                .get("/api/records");
        assertThat(unknown.status()).isEqualTo(401);
        assertNoBasicChallenge(unknown);
    }

    private static void assertNoBasicChallenge(ApiClient.Response response) {
        assertThat(response.raw().headers().allValues("WWW-Authenticate"))
                .containsExactly("Bearer realm=\"Perfectwork Mail\"");
    }

    @Test
    void anInactiveUserCannotLogIn() {
        ApiClient user = ApiClient.basic(port, userLogin, "user-password-1");
        assertThat(user.get("/api/records").status()).isEqualTo(200);
        long id = admin.get("/api/users")
                .json()
                .valueStream()
                .filter(u -> u.get("login").asString().equals(userLogin))
                .findFirst()
                .orElseThrow()
                .get("id")
                .asLong();
        assertThat(admin.put("/api/users/" + id, Map.of("active", false)).status())
                .isEqualTo(200);
        assertThat(user.get("/api/records").status()).isEqualTo(401);
    }

    @Test
    void anUnknownOrRevokedApiKeyIsRefused() {
        assertThat(ApiClient.bearer(port, "pwm_unknownkeyunknownkeyunknownkeyunknownkey")
                        .get("/api/records")
                        .status())
                .isEqualTo(401);
        assertThat(ApiClient.bearer(port, "").get("/api/records").status()).isEqualTo(401);

        long userId = admin.get("/api/users")
                .json()
                .valueStream()
                .filter(u -> u.get("login").asString().equals(userLogin))
                .findFirst()
                .orElseThrow()
                .get("id")
                .asLong();
        ApiClient.Response created = admin.post("/api/users/" + userId + "/api-keys", Map.of("name", "ci"));
        String key = created.json().get("key").asString();
        ApiClient bearer = ApiClient.bearer(port, key);
        assertThat(bearer.get("/api/records").status()).isEqualTo(200);

        assertThat(admin.delete("/api/users/" + userId + "/api-keys/" + created.id())
                        .status())
                .isEqualTo(204);
        ApiClient.Response refused = bearer.get("/api/records");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("detail").asString()).contains("unknown or revoked");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/config-parameters",
                "/api/config-parameters/mail.catchall.alias",
                "/api/users",
                "/api/mail-servers",
                "/api/incoming-servers",
                "/api/aliases",
                "/api/inbound-log",
                "/api/mail-queue",
                "/api/blacklist",
                "/api/scheduled-actions",
                "/api/mailings/1",
                "/api/dns-check?domain=example.com"
            })
    void aUserIsForbiddenAdminResources(String path) {
        ApiClient.Response response =
                ApiClient.basic(port, userLogin, "user-password-1").get(path);
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asString()).contains("administrators");
    }

    @Test
    void aUserCannotChangeSettingsNorCreateUsers() {
        ApiClient user = ApiClient.basic(port, userLogin, "user-password-1");
        assertThat(user.put("/api/config-parameters/mail.catchall.domain", Map.of("value", "evil.example"))
                        .status())
                .isEqualTo(403);
        assertThat(user.post("/api/users", Map.of("login", "sneaky", "password", "sneaky-password", "role", "admin"))
                        .status())
                .isEqualTo(403);
        // other tests of the shared context may have set the parameter: what counts is that it is not the user's value
        assertThat(admin.get("/api/config-parameters/mail.catchall.domain").body())
                .doesNotContain("evil.example");
        assertThat(admin.get("/api/users").body()).doesNotContain("sneaky");
    }

    @Test
    void aUserWorksInTheChatter() {
        ApiClient user = ApiClient.basic(port, userLogin, "user-password-1");
        ApiClient.Response record = user.post("/api/records", Map.of("model", "crm.lead", "name", "Lead of a user"));
        assertThat(record.status()).isEqualTo(201);
        assertThat(user.post("/api/records/" + record.id() + "/messages", Map.of("body", "<p>hi</p>"))
                        .status())
                .isEqualTo(201);
        assertThat(user.post("/api/partners", Map.of("name", "Contact", "email", "contact@example.com"))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void passwordsAreNeverReturned() {
        ApiClient.Response users = admin.get("/api/users");
        assertThat(users.body())
                .doesNotContain("password")
                .doesNotContain("user-password-1")
                .doesNotContain("$2a$");
    }
}
