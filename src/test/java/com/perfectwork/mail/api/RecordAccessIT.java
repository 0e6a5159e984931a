package com.perfectwork.mail.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * What a user who is not an administrator may do in the chatter through the API, beyond the statuses of {@code
 * AccessMatrixIT}: post as themselves only, follow what they create, and lose a record they stop following.
 */
@ApiTest
class RecordAccessIT {

    @LocalServerPort
    int port;

    ApiClient admin;
    ApiClient user;
    long partner;

    @BeforeEach
    void createAUser() {
        admin = ApiClient.admin(port);
        String login = "chatter-" + UUID.randomUUID().toString().substring(0, 8);
        long id = admin.post(
                        "/api/users",
                        Map.of("login", login, "password", "user-password-1", "email", login + "@example.com"))
                .id();
        partner = admin.get("/api/users/" + id).json().get("partnerId").asLong();
        String key = admin.post("/api/users/" + id + "/api-keys", Map.of("name", "test"))
                .json()
                .get("key")
                .asString();
        user = ApiClient.bearer(port, key);
    }

    @Test
    void aUserPostsAsThemselvesAndOnlyAnAdministratorAsAnother() {
        long record = admin.post("/api/records", Map.of("model", "crm.lead", "name", "Shared lead"))
                .id();
        admin.post("/api/records/" + record + "/followers", Map.of("partnerId", partner));
        long other = admin.post("/api/partners", Map.of("name", "Someone", "email", "someone@example.com"))
                .id();

        ApiClient.Response asAnother = user.post(
                "/api/records/" + record + "/messages",
                Map.of("type", "note", "body", "<p>forged</p>", "authorPartnerId", other));
        assertThat(asAnother.status()).isEqualTo(403);
        assertThat(asAnother.contentType()).startsWith("application/problem+json");
        assertThat(asAnother.json().get("detail").asString()).contains("authorPartnerId");
        assertThat(admin.get("/api/records/" + record + "/messages").body()).doesNotContain("forged");

        ApiClient.Response asThemselves = user.post(
                "/api/records/" + record + "/messages",
                Map.of("type", "note", "body", "<p>mine</p>", "authorPartnerId", partner));
        assertThat(asThemselves.status()).isEqualTo(201);
        assertThat(asThemselves.json().get("authorPartnerId").asLong()).isEqualTo(partner);
        ApiClient.Response byTheAdministrator = admin.post(
                "/api/records/" + record + "/messages",
                Map.of("type", "note", "body", "<p>for them</p>", "authorPartnerId", other));
        assertThat(byTheAdministrator.json().get("authorPartnerId").asLong()).isEqualTo(other);
    }

    @Test
    void aUserFollowsWhatTheyCreateAndNoLongerSeesWhatTheyStopFollowing() {
        String model = "access.test_" + UUID.randomUUID().toString().substring(0, 8);
        long theirs = user.post("/api/records", Map.of("model", model, "name", "Mine"))
                .id();
        admin.post("/api/records", Map.of("model", model, "name", "Not theirs"));

        JsonNode listed = user.get("/api/records?model=" + model).json();
        assertThat(listed.valueStream().map(r -> r.get("id").asLong())).containsExactly(theirs);
        assertThat(user.get("/api/records/" + theirs + "/followers")
                        .json()
                        .valueStream()
                        .map(f -> f.get("partnerId").asLong()))
                .containsExactly(partner);
        assertThat(admin.get("/api/records?model=" + model).json().size()).isEqualTo(2);

        assertThat(user.delete("/api/records/" + theirs + "/followers/" + partner)
                        .status())
                .isEqualTo(204);
        assertThat(user.get("/api/records/" + theirs).status()).isEqualTo(404);
        assertThat(user.get("/api/records?model=" + model).json().size()).isZero();
    }
}
