package com.perfectwork.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.OutgoingFixture;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** A sender writing too often to one record, or creating too many records, is stopped, unless allowed. */
@ApiTest
class LoopGuardIT {

    @LocalServerPort
    int port;

    ApiClient admin;
    OutgoingFixture fixture;
    String tag;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        fixture = new OutgoingFixture(admin)
                .noServers()
                .catchallDomain("mycompany.example")
                .parameter("mail.gateway.loop.threshold", "3")
                .parameter("mail.gateway.allowed", null);
        tag = UUID.randomUUID().toString().substring(0, 6);
    }

    @AfterEach
    void tearDown() {
        fixture.parameter("mail.gateway.loop.threshold", "20").parameter("mail.gateway.allowed", null);
    }

    @Test
    void aSenderPostingTooOftenOnOneRecordIsStoppedUnlessAllowed() {
        long record = admin.post("/api/records", Map.of("model", "crm.lead", "name", "Looping"))
                .id();
        String messageId = admin.post(
                        "/api/records/" + record + "/messages", Map.of("body", "<p>hi</p>", "type", "note"))
                .json()
                .get("messageId")
                .asString();
        String robot = "robot." + tag + "@autoresponder.example";
        for (int i = 0; i < 3; i++) {
            assertThat(receive(robot, "catchall@mycompany.example", messageId)
                            .get("outcome")
                            .asString())
                    .isEqualTo("posted");
        }
        JsonNode stopped = receive(robot, "catchall@mycompany.example", messageId);
        assertThat(stopped.get("outcome").asString()).isEqualTo("dropped");
        assertThat(stopped.get("reason").asString())
                .startsWith("loop: " + robot + " posted 3 messages on record " + record);
        assertThat(admin.get("/api/records/" + record + "/messages").json().size())
                .isEqualTo(4);

        // another sender is not concerned, and an allowed one is never stopped
        assertThat(receive("human." + tag + "@else.example", "catchall@mycompany.example", messageId)
                        .get("outcome")
                        .asString())
                .isEqualTo("posted");
        fixture.parameter("mail.gateway.allowed", "autoresponder.example");
        assertThat(receive(robot, "catchall@mycompany.example", messageId)
                        .get("outcome")
                        .asString())
                .isEqualTo("posted");
    }

    @Test
    void aSenderCreatingTooManyRecordsIsStopped() {
        admin.post("/api/aliases", Map.of("name", "leads-" + tag, "model", "crm.lead"));
        String robot = "robot." + tag + "@autoresponder.example";
        for (int i = 0; i < 3; i++) {
            assertThat(receive(robot, "leads-" + tag + "@mycompany.example", null)
                            .get("outcome")
                            .asString())
                    .isEqualTo("created");
        }
        JsonNode stopped = receive(robot, "leads-" + tag + "@mycompany.example", null);
        assertThat(stopped.get("outcome").asString()).isEqualTo("dropped");
        assertThat(stopped.get("reason").asString()).contains("created 3 crm.lead records");
    }

    private JsonNode receive(String from, String to, String inReplyTo) {
        String raw = "From: " + from + "\r\nTo: " + to + "\r\nSubject: Auto: out of office\r\nMessage-ID: <"
                + UUID.randomUUID()
                + "@autoresponder.example>\r\n" + (inReplyTo == null ? "" : "In-Reply-To: " + inReplyTo + "\r\n")
                + "\r\nI am away.\r\n";
        ApiClient.Response response =
                admin.postBytes("/api/inbound", "message/rfc822", raw.getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
