package com.perfectwork.mail.api;

import static com.perfectwork.mail.Problems.assertField;
import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@ApiTest
class PartnersIT {

    @LocalServerPort
    int port;

    ApiClient admin;
    String local;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        local = "Mary." + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void storesTheEmailAsGivenAndFindsItByItsNormalizedForm() {
        String given = "Mary Smith <" + local + "@Customer.Example.COM>";
        ApiClient.Response created = admin.post("/api/partners", Map.of("name", "Mary Smith", "email", given));
        assertThat(created.status()).isEqualTo(201);
        JsonNode partner = created.json();
        assertThat(partner.get("email").asString()).isEqualTo(given);
        assertThat(partner.get("bounceCount").asInt()).isZero();
        assertThat(partner.get("blacklisted").asBoolean()).isFalse();

        for (String lookup : new String[] {
            local.toLowerCase() + "@customer.example.com",
            local.toUpperCase() + "@CUSTOMER.EXAMPLE.COM",
            "\"Someone Else\" <" + local + "@customer.example.com>"
        }) {
            JsonNode found = admin.get("/api/partners?email=" + URLEncoder.encode(lookup, StandardCharsets.UTF_8))
                    .json();
            assertThat(found.size()).as(lookup).isEqualTo(1);
            assertThat(found.get(0).get("id").asLong()).isEqualTo(created.id());
        }
        assertThat(admin.get("/api/partners?email="
                                + URLEncoder.encode("other-" + local + "@customer.example.com", StandardCharsets.UTF_8))
                        .json()
                        .size())
                .isZero();
        assertThat(admin.get("/api/partners/" + created.id()).json().get("name").asString())
                .isEqualTo("Mary Smith");
    }

    @Test
    void theNameDefaultsToTheDisplayNameOrTheLocalPart() {
        assertThat(admin.post("/api/partners", Map.of("email", "Jo Bloggs <" + local + "@example.com>"))
                        .json()
                        .get("name")
                        .asString())
                .isEqualTo("Jo Bloggs");
        assertThat(admin.post("/api/partners", Map.of("email", local + "@example.com"))
                        .json()
                        .get("name")
                        .asString())
                .isEqualTo(local);
    }

    @Test
    void anInvalidEmailNamesTheField() {
        assertField(admin.post("/api/partners", Map.of("name", "X", "email", "x@")), "email");
        assertField(admin.post("/api/partners", Map.of("name", "X", "email", "a@b.com, c@d.com")), "email");
        assertField(admin.post("/api/partners", Map.of()), "name");
    }

    @Test
    void unknownIdIs404() {
        ApiClient.Response response = admin.get("/api/partners/987654321");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("detail").asString()).contains("partner 987654321");
    }
}
