package com.perfectwork.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.OutgoingFixture;
import com.perfectwork.mail.ReceivedMail;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** An alias's defaults: checked when it is saved, applied to every record a mail to it creates. */
@ApiTest
class AliasDefaultsIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @LocalServerPort
    int port;

    ApiClient admin;
    String tag;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        OutgoingFixture fixture = new OutgoingFixture(admin).noServers().catchallDomain("mycompany.example");
        fixture.server("local", smtp.getSmtp().getPort(), null, 10, Map.of());
        tag = UUID.randomUUID().toString().substring(0, 6);
    }

    @Test
    void aMailToTheAliasCreatesARecordWithItsValuesAndFollowersWhoAreNotifiedOfIt() {
        String ann = "ann." + tag + "@mycompany.example";
        long annId = admin.post("/api/partners", Map.of("name", "Ann Seller", "email", ann))
                .id();
        String bob = "bob." + tag + "@mycompany.example";
        ApiClient.Response alias = admin.post(
                "/api/aliases",
                Map.of(
                        "name",
                        "quotes-" + tag,
                        "model",
                        "sale.order",
                        "defaults",
                        Map.of(
                                "followers", List.of(annId, bob),
                                "values", Map.of("team", "Export", "priority", "high"))));
        assertThat(alias.status()).as(alias.body()).isEqualTo(201);
        assertThat(alias.json().get("defaults").get("values").get("team").asString())
                .isEqualTo("Export");

        JsonNode result = receive("stranger." + tag + "@else.example", "quotes-" + tag + "@mycompany.example");

        assertThat(result.get("outcome").asString()).isEqualTo("created");
        long recordId = result.get("recordId").asLong();
        JsonNode record = admin.get("/api/records/" + recordId).json();
        assertThat(record.get("model").asString()).isEqualTo("sale.order");
        assertThat(record.get("name").asString()).isEqualTo("Quote " + tag);
        assertThat(record.get("values").properties())
                .extracting(Map.Entry::getKey, entry -> entry.getValue().asString())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("team", "Export"),
                        org.assertj.core.groups.Tuple.tuple("priority", "high"));
        assertThat(admin.get("/api/records/" + recordId + "/followers")
                        .json()
                        .valueStream()
                        .map(f -> f.get("email").asString()))
                .containsExactlyInAnyOrder(ann, bob);
        assertThat(admin.get("/api/partners?email=" + bob).json().size())
                .as("the unknown address became a partner")
                .isEqualTo(1);
        JsonNode posted =
                admin.get("/api/records/" + recordId + "/messages").json().get(0);
        assertThat(posted.get("notifications")
                        .valueStream()
                        .map(n -> n.get("email").asString()))
                .containsExactlyInAnyOrder(ann, bob);
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(List.of(ann, bob))
                        .allSatisfy(follower -> assertThat(ReceivedMail.to(smtp.getReceivedMessages(), follower))
                                .extracting(mail -> mail.getSubject())
                                .contains("Quote " + tag)));
    }

    @Test
    void aRecordWithoutDefaultsShowsNoValues() {
        long recordId = admin.post("/api/records", Map.of("model", "crm.lead", "name", "Plain " + tag))
                .id();
        JsonNode record = admin.get("/api/records/" + recordId).json();
        assertThat(record.get("values").isObject()).isTrue();
        assertThat(record.get("values").size()).isZero();
    }

    @Test
    void badDefaultsAreRefusedWithTheirField() {
        assertRefused(Map.of("colour", "red"), "defaults.colour");
        assertRefused(Map.of("followers", "ann@mycompany.example"), "defaults.followers");
        assertRefused(Map.of("followers", List.of("ann@mycompany.example", "not an address")), "defaults.followers[1]");
        assertRefused(Map.of("followers", List.of(987654321)), "defaults.followers");
        assertRefused(Map.of("values", Map.of("priority", 3)), "defaults.values.priority");
        assertRefused(Map.of("values", Map.of("Bad Name", "x")), "defaults.values.Bad Name");
        assertThat(admin.get("/api/aliases")
                        .json()
                        .valueStream()
                        .noneMatch(a -> a.get("name").asString().startsWith("bad-" + tag)))
                .isTrue();
    }

    @Test
    void anUpdateWithBadDefaultsKeepsTheStoredOnes() {
        long id = admin.post(
                        "/api/aliases",
                        Map.of(
                                "name",
                                "keep-" + tag,
                                "model",
                                "crm.lead",
                                "defaults",
                                Map.of("values", Map.of("source", "mail"))))
                .id();
        ApiClient.Response refused =
                admin.put("/api/aliases/" + id, Map.of("defaults", Map.of("values", Map.of("source", List.of("x")))));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("defaults.values.source");
        assertThat(admin.get("/api/aliases/" + id)
                        .json()
                        .get("defaults")
                        .get("values")
                        .get("source")
                        .asString())
                .isEqualTo("mail");
    }

    private void assertRefused(Map<String, Object> defaults, String field) {
        ApiClient.Response response =
                admin.post("/api/aliases", Map.of("name", "bad-" + tag, "model", "crm.lead", "defaults", defaults));
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
    }

    private JsonNode receive(String from, String to) {
        String raw = "From: " + from + "\r\nTo: " + to + "\r\nSubject: Quote " + tag + "\r\nMessage-ID: <"
                + UUID.randomUUID() + "@else.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                + "Can you quote 50 chairs?\r\n";
        ApiClient.Response response =
                admin.postBytes("/api/inbound", "message/rfc822", raw.getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
