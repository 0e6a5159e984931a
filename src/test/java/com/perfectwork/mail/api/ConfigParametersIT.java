package com.perfectwork.mail.api;

import static com.perfectwork.mail.Problems.assertField;
import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.settings.MailDomainSettings;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@ApiTest
class ConfigParametersIT {

    @LocalServerPort
    int port;

    @Autowired
    MailDomainSettings mailSettings;

    ApiClient admin;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
    }

    @Test
    void holdsTheDocumentedDefaults() {
        Map<String, String> defaults = Map.of(
                "mail.catchall.alias",
                "catchall",
                "mail.bounce.alias",
                "bounce",
                "mail.gateway.loop.minutes",
                "120",
                "mail.gateway.loop.threshold",
                "20");
        defaults.forEach((key, value) -> {
            ApiClient.Response response = admin.get("/api/config-parameters/" + key);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().get("value").asString()).isEqualTo(value);
        });
        assertThat(admin.get("/api/config-parameters")
                        .json()
                        .valueStream()
                        .map(p -> p.get("key").asString()))
                .contains(
                        "mail.catchall.alias",
                        "mail.bounce.alias",
                        "mail.gateway.loop.minutes",
                        "mail.gateway.loop.threshold",
                        "company.name");
    }

    @Test
    void createsReadsReplacesAndDeletesAParameter() {
        String key = "test.param." + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin.get("/api/config-parameters/" + key).status()).isEqualTo(404);

        ApiClient.Response created = admin.put("/api/config-parameters/" + key, Map.of("value", "one"));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().get("key").asString()).isEqualTo(key);
        assertThat(admin.put("/api/config-parameters/" + key, Map.of("value", "two"))
                        .json()
                        .get("value")
                        .asString())
                .isEqualTo("two");
        assertThat(admin.get("/api/config-parameters/" + key)
                        .json()
                        .get("value")
                        .asString())
                .isEqualTo("two");

        assertThat(admin.delete("/api/config-parameters/" + key).status()).isEqualTo(204);
        assertThat(admin.get("/api/config-parameters/" + key).status()).isEqualTo(404);
        assertThat(admin.delete("/api/config-parameters/" + key).status()).isEqualTo(404);
    }

    @Test
    void theTypedSettingsReadTheStoredValuesAndFallBackToTheDefaults() {
        admin.put("/api/config-parameters/mail.catchall.domain", Map.of("value", "MyCompany.example"));
        admin.put("/api/config-parameters/mail.default.from", Map.of("value", "notifications"));
        assertThat(mailSettings.catchallDomain()).hasValue("mycompany.example");
        assertThat(mailSettings.notificationsAddress())
                .hasValueSatisfying(a -> assertThat(a.address()).isEqualTo("notifications@mycompany.example"));

        admin.put("/api/config-parameters/mail.bounce.alias", Map.of("value", "bounces"));
        assertThat(mailSettings.bounceAlias()).isEqualTo("bounces");
        assertThat(admin.delete("/api/config-parameters/mail.bounce.alias").status())
                .isEqualTo(204);
        assertThat(mailSettings.bounceAlias()).isEqualTo("bounce");
        admin.put("/api/config-parameters/mail.bounce.alias", Map.of("value", "bounce"));

        admin.delete("/api/config-parameters/mail.catchall.domain");
        assertThat(mailSettings.catchallDomain()).isEmpty();
        assertThat(mailSettings.notificationsAddress()).isEmpty();
    }

    @Test
    void refusesInvalidValuesWithTheFieldNamed() {
        assertField(admin.put("/api/config-parameters/mail.catchall.domain", Map.of("value", "not a domain")), "value");
        assertField(admin.put("/api/config-parameters/mail.gateway.loop.threshold", Map.of("value", "-3")), "value");
        assertField(admin.put("/api/config-parameters/company.email", Map.of("value", "nobody")), "value");
        assertField(admin.put("/api/config-parameters/mail.catchall.domain", Map.of()), "value");
        assertThat(admin.get("/api/config-parameters/mail.gateway.loop.threshold")
                        .json()
                        .get("value")
                        .asString())
                .isEqualTo("20");
    }
}
