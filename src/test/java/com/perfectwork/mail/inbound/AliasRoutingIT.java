package com.perfectwork.mail.inbound;

import static com.perfectwork.mail.Problems.assertField;
import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.OutgoingFixture;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Aliases: their management, and mail to them creating records or posting on theirs. */
@ApiTest
class AliasRoutingIT {

    @LocalServerPort
    int port;

    ApiClient admin;
    OutgoingFixture fixture;
    String tag;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        fixture = new OutgoingFixture(admin).noServers().catchallDomain("mycompany.example");
        tag = UUID.randomUUID().toString().substring(0, 6);
    }

    @Test
    void aliasesAreManagedWithTheirAddressAndTheReservedNamesRefused() {
        ApiClient.Response created = admin.post(
                "/api/aliases",
                Map.of(
                        "name",
                        "Sales-" + tag,
                        "model",
                        "crm.lead",
                        "defaults",
                        Map.of("values", Map.of("team", "Europe"))));
        assertThat(created.status()).isEqualTo(201);
        JsonNode alias = created.json();
        assertThat(alias.get("name").asString()).isEqualTo("sales-" + tag);
        assertThat(alias.get("email").asString()).isEqualTo("sales-" + tag + "@mycompany.example");
        assertThat(alias.get("contactPolicy").asString()).isEqualTo("everyone");
        assertThat(alias.get("defaults").get("values").get("team").asString()).isEqualTo("Europe");

        assertThat(admin.post("/api/aliases", Map.of("name", "catchall", "model", "crm.lead"))
                        .status())
                .isEqualTo(409);
        assertThat(admin.post("/api/aliases", Map.of("name", "bounce", "model", "crm.lead"))
                        .status())
                .isEqualTo(409);
        assertThat(admin.post("/api/aliases", Map.of("name", "sales-" + tag, "model", "crm.lead"))
                        .status())
                .isEqualTo(409);
        assertField(admin.post("/api/aliases", Map.of("name", "not valid", "model", "crm.lead")), "name");
        assertField(admin.post("/api/aliases", Map.of("name", "x" + tag, "model", "Bad Model")), "model");
        assertField(
                admin.post("/api/aliases", Map.of("name", "x" + tag, "model", "crm.lead", "contactPolicy", "vips")),
                "contactPolicy");
        assertThat(admin.post("/api/aliases", Map.of("name", "x" + tag, "model", "crm.lead", "recordId", 987654321))
                        .status())
                .isEqualTo(404);

        assertThat(admin.put("/api/aliases/" + created.id(), Map.of("contactPolicy", "partners"))
                        .json()
                        .get("contactPolicy")
                        .asString())
                .isEqualTo("partners");
        assertThat(admin.delete("/api/aliases/" + created.id()).status()).isEqualTo(204);
        assertThat(admin.get("/api/aliases/" + created.id()).status()).isEqualTo(404);
    }

    @Test
    void mailToACreatingAliasCreatesARecordNamedAfterTheSubjectFollowedByAKnownSender() {
        alias("sales-" + tag, "crm.lead", null, "everyone");
        long mary = admin.post("/api/partners", Map.of("name", "Mary", "email", "mary." + tag + "@customer.example"))
                .id();
        JsonNode result = receive(
                "Mary <mary." + tag + "@customer.example>",
                "sales-" + tag + "@mycompany.example",
                "Quote for 50 chairs",
                null);
        assertThat(result.get("outcome").asString()).isEqualTo("created");
        assertThat(result.get("model").asString()).isEqualTo("crm.lead");
        long record = result.get("recordId").asLong();
        assertThat(admin.get("/api/records/" + record).json().get("name").asString())
                .isEqualTo("Quote for 50 chairs");
        JsonNode message =
                admin.get("/api/records/" + record + "/messages").json().get(0);
        assertThat(message.get("type").asString()).isEqualTo("email");
        assertThat(message.get("authorPartnerId").asLong()).isEqualTo(mary);
        assertThat(admin.get("/api/records/" + record + "/followers")
                        .json()
                        .valueStream()
                        .map(f -> f.get("partnerId").asLong()))
                .containsExactly(mary);
    }

    @Test
    void mailToTwoCreatingAliasesCreatesTwoRecords() {
        alias("sales-" + tag, "crm.lead", null, "everyone");
        alias("jobs-" + tag, "hr.applicant", null, "everyone");
        JsonNode result = receive(
                "someone@else.example",
                "sales-" + tag + "@mycompany.example, jobs-" + tag + "@mycompany.example",
                "Both",
                null);
        assertThat(result.get("outcome").asString()).isEqualTo("created");
        assertThat(admin.get("/api/records?model=hr.applicant&limit=1000")
                        .json()
                        .valueStream()
                        .filter(r -> r.get("name").asString().equals("Both")))
                .hasSize(1);
        assertThat(admin.get("/api/records?model=crm.lead&limit=1000")
                        .json()
                        .valueStream()
                        .filter(r -> r.get("name").asString().equals("Both")))
                .isNotEmpty();
    }

    @Test
    void anAliasOfARecordPostsOnItAndIsItsReplyAddress() {
        long record = admin.post("/api/records", Map.of("model", "project.project", "name", "Office move"))
                .id();
        alias("move-" + tag, "project.project", record, "everyone");
        assertThat(admin.get("/api/records/" + record).json().get("aliasEmail").asString())
                .isEqualTo("move-" + tag + "@mycompany.example");
        JsonNode result = receive("ann@else.example", "move-" + tag + "@mycompany.example", "Boxes", null);
        assertThat(result.get("outcome").asString()).isEqualTo("posted");
        assertThat(result.get("recordId").asLong()).isEqualTo(record);
    }

    @Test
    void theContactPolicyRefusesUnknownSendersAndNonFollowers() {
        alias("vip-" + tag, "crm.lead", null, "partners");
        JsonNode refused =
                receive("stranger." + tag + "@else.example", "vip-" + tag + "@mycompany.example", "Hello", null);
        assertThat(refused.get("outcome").asString()).isEqualTo("rejected");
        assertThat(refused.get("reason").asString()).contains("known contacts only");

        long record = admin.post("/api/records", Map.of("model", "project.project", "name", "Private"))
                .id();
        alias("team-" + tag, "project.project", record, "followers");
        assertThat(receive("outsider." + tag + "@else.example", "team-" + tag + "@mycompany.example", "Hi", null)
                        .get("outcome")
                        .asString())
                .isEqualTo("rejected");
        admin.post(
                "/api/records/" + record + "/followers",
                Map.of("name", "Insider", "email", "insider." + tag + "@else.example"));
        assertThat(receive("insider." + tag + "@else.example", "team-" + tag + "@mycompany.example", "Hi", null)
                        .get("outcome")
                        .asString())
                .isEqualTo("posted");
    }

    @Test
    void aReplyForwardedToAnAliasOfAnotherModelCreatesARecordThere() {
        alias("jobs-" + tag, "hr.applicant", null, "everyone");
        long lead = admin.post("/api/records", Map.of("model", "crm.lead", "name", "Lead"))
                .id();
        String messageId = admin.post("/api/records/" + lead + "/messages", Map.of("body", "<p>hi</p>", "type", "note"))
                .json()
                .get("messageId")
                .asString();
        JsonNode result = receive("cv@else.example", "jobs-" + tag + "@mycompany.example", "Fwd: my CV", messageId);
        assertThat(result.get("outcome").asString()).isEqualTo("created");
        assertThat(result.get("model").asString()).isEqualTo("hr.applicant");
        assertThat(admin.get("/api/records/" + lead + "/messages").json().size())
                .isEqualTo(1);
    }

    @Test
    void mailToAnUnknownAddressOfTheDomainHasNoRoute() {
        JsonNode result = receive("someone@else.example", "nobody-" + tag + "@mycompany.example", "Hello?", null);
        assertThat(result.get("outcome").asString()).isEqualTo("dropped");
        assertThat(result.get("reason").asString()).startsWith("no route");
    }

    private void alias(String name, String model, Long recordId, String policy) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "model", model, "contactPolicy", policy));
        if (recordId != null) {
            body.put("recordId", recordId);
        }
        ApiClient.Response response = admin.post("/api/aliases", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private JsonNode receive(String from, String to, String subject, String inReplyTo) {
        String raw =
                "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: <" + UUID.randomUUID()
                        + "@else.example>\r\n" + (inReplyTo == null ? "" : "In-Reply-To: " + inReplyTo + "\r\n")
                        + "Content-Type: text/plain; charset=utf-8\r\n\r\nHello from " + from + "\r\n";
        ApiClient.Response response =
                admin.postBytes("/api/inbound", "message/rfc822", raw.getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
