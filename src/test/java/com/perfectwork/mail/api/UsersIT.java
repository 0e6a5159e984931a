package com.perfectwork.mail.api;

import static com.perfectwork.mail.Problems.assertField;
import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@ApiTest
class UsersIT {

    @LocalServerPort
    int port;

    ApiClient admin;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
    }

    @Test
    void createsAUserWithItsPartnerAndShowsItWithoutThePassword() {
        String login = unique("ann");
        ApiClient.Response created = admin.post(
                "/api/users",
                Map.of(
                        "login",
                        login,
                        "password",
                        "ann-password",
                        "name",
                        "Ann Smith",
                        "email",
                        "Ann@Example.com",
                        "role",
                        "user"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.raw().headers().firstValue("Location")).hasValue("/api/users/" + created.id());
        JsonNode user = created.json();
        assertThat(user.get("login").asString()).isEqualTo(login);
        assertThat(user.get("name").asString()).isEqualTo("Ann Smith");
        assertThat(user.get("email").asString()).isEqualTo("Ann@Example.com");
        assertThat(user.get("role").asString()).isEqualTo("user");
        assertThat(user.get("active").asBoolean()).isTrue();
        assertThat(user.has("password")).isFalse();

        JsonNode partner =
                admin.get("/api/partners/" + user.get("partnerId").asLong()).json();
        assertThat(partner.get("name").asString()).isEqualTo("Ann Smith");
        assertThat(admin.get("/api/users/" + created.id()).json().get("login").asString())
                .isEqualTo(login);
        assertThat(admin.get("/api/users")
                        .json()
                        .valueStream()
                        .map(u -> u.get("login").asString()))
                .contains("admin", login);
    }

    @Test
    void theFirstAdministratorExists() {
        JsonNode adminUser = admin.get("/api/users")
                .json()
                .valueStream()
                .filter(u -> u.get("login").asString().equals("admin"))
                .findFirst()
                .orElseThrow();
        assertThat(adminUser.get("role").asString()).isEqualTo("admin");
        assertThat(adminUser.get("active").asBoolean()).isTrue();
    }

    @Test
    void updatesNameEmailRoleAndPassword() {
        String login = unique("bob");
        long id = admin.post("/api/users", Map.of("login", login, "password", "bob-password"))
                .id();
        ApiClient.Response updated = admin.put(
                "/api/users/" + id,
                Map.of(
                        "name",
                        "Bob Builder",
                        "email",
                        "bob@example.com",
                        "role",
                        "admin",
                        "password",
                        "new-bob-password"));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("role").asString()).isEqualTo("admin");
        assertThat(updated.json().get("email").asString()).isEqualTo("bob@example.com");
        assertThat(ApiClient.basic(port, login, "bob-password")
                        .get("/api/records")
                        .status())
                .isEqualTo(401);
        assertThat(ApiClient.basic(port, login, "new-bob-password")
                        .get("/api/users")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aTakenLoginIsAConflict() {
        String login = unique("carl");
        assertThat(admin.post("/api/users", Map.of("login", login, "password", "carl-password"))
                        .status())
                .isEqualTo(201);
        ApiClient.Response again = admin.post("/api/users", Map.of("login", login, "password", "carl-password"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").asString()).contains(login);
    }

    @Test
    void badInputNamesTheField() {
        assertField(admin.post("/api/users", Map.of("login", unique("dan"), "password", "short")), "password");
        assertField(admin.post("/api/users", Map.of("login", "has space", "password", "long-enough")), "login");
        assertField(
                admin.post("/api/users", Map.of("login", unique("dan"), "password", "long-enough", "role", "god")),
                "role");
        assertField(
                admin.post(
                        "/api/users",
                        Map.of("login", unique("dan"), "password", "long-enough", "email", "not-an-email")),
                "email");
    }

    @Test
    void theLastAdministratorCannotBeDemotedOrDeactivated() {
        long adminId = admin.get("/api/users")
                .json()
                .valueStream()
                .filter(u -> u.get("login").asString().equals("admin"))
                .findFirst()
                .orElseThrow()
                .get("id")
                .asLong();
        long otherAdmins = admin.get("/api/users")
                        .json()
                        .valueStream()
                        .filter(u -> u.get("role").asString().equals("admin")
                                && u.get("active").asBoolean())
                        .count()
                - 1;
        if (otherAdmins == 0) {
            assertField(admin.put("/api/users/" + adminId, Map.of("role", "user")), "role");
            assertField(admin.put("/api/users/" + adminId, Map.of("active", false)), "active");
        }
        // with a second administrator, the first one can step down, and the second one then cannot
        String login = unique("eve");
        long eve = admin.post("/api/users", Map.of("login", login, "password", "eve-password", "role", "admin"))
                .id();
        ApiClient eveClient = ApiClient.basic(port, login, "eve-password");
        assertThat(eveClient.put("/api/users/" + eve, Map.of("active", false)).status())
                .isEqualTo(200);
        assertThat(eveClient.get("/api/users").status()).isEqualTo(401);
    }

    @Test
    void apiKeysAreShownOnceListedByPrefixAndRevoked() {
        long id = admin.post("/api/users", Map.of("login", unique("fay"), "password", "fay-password"))
                .id();
        ApiClient.Response created = admin.post("/api/users/" + id + "/api-keys", Map.of("name", "Perfectwork ERP"));
        assertThat(created.status()).isEqualTo(201);
        String key = created.json().get("key").asString();
        assertThat(key).startsWith("pwm_").hasSizeGreaterThan(40);
        assertThat(created.json().get("name").asString()).isEqualTo("Perfectwork ERP");
        assertThat(created.json().get("scopes").toString()).isEqualTo("[\"all\"]");

        ApiClient.Response listed = admin.get("/api/users/" + id + "/api-keys");
        assertThat(listed.body()).doesNotContain(key);
        assertThat(listed.json().get(0).get("prefix").asString()).isEqualTo(key.substring(0, 10));
        assertThat(listed.json().get(0).get("scopes").toString()).isEqualTo("[\"all\"]");

        assertThat(ApiClient.bearer(port, key).get("/api/records").status()).isEqualTo(200);
        assertThat(admin.delete("/api/users/" + id + "/api-keys/" + created.id())
                        .status())
                .isEqualTo(204);
        assertThat(admin.get("/api/users/" + id + "/api-keys").json().size()).isZero();
        assertThat(admin.delete("/api/users/" + id + "/api-keys/" + created.id())
                        .status())
                .isEqualTo(404);
        assertThat(ApiClient.bearer(port, key).get("/api/records").status()).isEqualTo(401);
    }

    @Test
    void anInboundKeyPostsMailOnlyAndAnUnknownScopeIsRefused() {
        long id = admin.post("/api/users", Map.of("login", unique("mta"), "password", "mta-password"))
                .id();
        ApiClient.Response created = admin.post(
                "/api/users/" + id + "/api-keys", Map.of("name", "Postfix pipe", "scopes", List.of("inbound")));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("scopes").toString()).isEqualTo("[\"inbound\"]");
        assertThat(admin.get("/api/users/" + id + "/api-keys")
                        .json()
                        .get(0)
                        .get("scopes")
                        .toString())
                .isEqualTo("[\"inbound\"]");

        ApiClient pipe = ApiClient.bearer(port, created.json().get("key").asString());
        ApiClient.Response refused = pipe.get("/api/records");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("detail").asString()).contains("scope inbound", "POST /api/inbound");
        assertThat(pipe.postBytes("/api/inbound", "text/plain", "Subject: x\r\n\r\nx\r\n".getBytes())
                        .status())
                .as("415: the gateway takes message/rfc822 only")
                .isEqualTo(415);

        assertField(
                admin.post("/api/users/" + id + "/api-keys", Map.of("name", "x", "scopes", List.of("everything"))),
                "scopes");
    }

    @Test
    void unknownUsersAre404() {
        assertThat(admin.get("/api/users/99999999").status()).isEqualTo(404);
        assertThat(admin.put("/api/users/99999999", Map.of("name", "x")).status())
                .isEqualTo(404);
        assertThat(admin.post("/api/users/99999999/api-keys", Map.of("name", "x"))
                        .status())
                .isEqualTo(404);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
