package com.perfectwork.mail.api;

import static com.perfectwork.mail.Problems.assertField;
import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@ApiTest
class RecordsIT {

    @LocalServerPort
    int port;

    ApiClient admin;
    String model;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        model = "test.model" + UUID.randomUUID().toString().substring(0, 8).replace("-", "");
    }

    @Test
    void createsRecordsOfAnyModelAndListsThemByModel() {
        ApiClient.Response lead = admin.post("/api/records", Map.of("model", model, "name", "Interested in 50 chairs"));
        assertThat(lead.status()).isEqualTo(201);
        assertThat(lead.raw().headers().firstValue("Location")).hasValue("/api/records/" + lead.id());
        JsonNode record = lead.json();
        assertThat(record.get("model").asString()).isEqualTo(model);
        assertThat(record.get("name").asString()).isEqualTo("Interested in 50 chairs");
        assertThat(record.get("aliasEmail").isNull()).isTrue();
        assertThat(record.get("createdAt").asString()).endsWith("Z");
        long second = admin.post("/api/records", Map.of("model", model, "name", "Second"))
                .id();
        admin.post("/api/records", Map.of("model", "sale.order", "name", "Not mine"));

        JsonNode listed = admin.get("/api/records?model=" + model).json();
        assertThat(listed.valueStream().map(r -> r.get("id").asLong())).containsExactly(lead.id(), second);
        assertThat(admin.get("/api/records?model=" + model + "&limit=1").json().size())
                .isEqualTo(1);
        assertThat(admin.get("/api/records/" + lead.id()).json().get("name").asString())
                .isEqualTo("Interested in 50 chairs");
        assertThat(admin.get("/api/records").json().size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void refusesBadModelsAndNames() {
        assertField(admin.post("/api/records", Map.of("model", "Not A Model", "name", "x")), "model");
        assertField(admin.post("/api/records", Map.of("name", "x")), "model");
        assertField(admin.post("/api/records", Map.of("model", "crm.lead", "name", " ")), "name");
        assertField(admin.get("/api/records?limit=0"), "limit");
    }

    @Test
    void followersAreAddedByIdOrByNameAndEmailAndRemoved() {
        long record = admin.post("/api/records", Map.of("model", model, "name", "Followed"))
                .id();
        String email = "Zoe." + UUID.randomUUID().toString().substring(0, 8) + "@Example.com";
        long partner = admin.post("/api/partners", Map.of("name", "Zoe", "email", email))
                .id();

        ApiClient.Response byId = admin.post("/api/records/" + record + "/followers", Map.of("partnerId", partner));
        assertThat(byId.status()).isEqualTo(201);
        assertThat(byId.json().get("partnerId").asLong()).isEqualTo(partner);

        // the same address, written differently: the existing partner follows, no duplicate is created
        ApiClient.Response byEmail = admin.post(
                "/api/records/" + record + "/followers", Map.of("name", "Zoe again", "email", email.toUpperCase()));
        assertThat(byEmail.status()).isEqualTo(201);
        assertThat(byEmail.json().get("partnerId").asLong()).isEqualTo(partner);

        String newEmail = "new." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        ApiClient.Response created =
                admin.post("/api/records/" + record + "/followers", Map.of("name", "Newcomer", "email", newEmail));
        long newcomer = created.json().get("partnerId").asLong();
        assertThat(admin.get("/api/partners/" + newcomer).json().get("email").asString())
                .isEqualTo(newEmail);

        JsonNode followers = admin.get("/api/records/" + record + "/followers").json();
        assertThat(followers.valueStream().map(f -> f.get("partnerId").asLong()))
                .containsExactly(partner, newcomer);
        assertThat(followers.get(0).get("name").asString()).isEqualTo("Zoe");
        assertThat(followers.get(0).get("email").asString()).isEqualTo(email);

        assertThat(admin.delete("/api/records/" + record + "/followers/" + partner)
                        .status())
                .isEqualTo(204);
        assertThat(admin.get("/api/records/" + record + "/followers")
                        .json()
                        .valueStream()
                        .map(f -> f.get("partnerId").asLong()))
                .containsExactly(newcomer);
        assertThat(admin.delete("/api/records/" + record + "/followers/" + partner)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void followerInputIsChecked() {
        long record = admin.post("/api/records", Map.of("model", model, "name", "Followed"))
                .id();
        assertField(admin.post("/api/records/" + record + "/followers", Map.of()), "partnerId");
        assertField(
                admin.post("/api/records/" + record + "/followers", Map.of("name", "Bad", "email", "bad@")), "email");
        assertThat(admin.post("/api/records/" + record + "/followers", Map.of("partnerId", 987654321))
                        .status())
                .isEqualTo(404);
        assertThat(admin.post("/api/records/987654321/followers", Map.of("name", "A", "email", "a@example.com"))
                        .status())
                .isEqualTo(404);
        assertThat(admin.get("/api/records/987654321/followers").status()).isEqualTo(404);
        assertThat(admin.get("/api/records/987654321").status()).isEqualTo(404);
    }
}
