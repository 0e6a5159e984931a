package com.perfectwork.mail.outgoing;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ClockedApiTest;
import com.perfectwork.mail.MovableClock;
import com.perfectwork.mail.OutgoingFixture;
import com.perfectwork.mail.storage.Filestore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A mail that cannot be prepared (its attachment's file gone from the data directory) is not put off forever: each
 * pass counts an attempt on the schedule of temporary failures, with the reason shown, and once the give-up time
 * (24 hours) has passed it fails for good, its notification with it (the red envelope).
 */
@ClockedApiTest
class UnpreparedMailIT {

    @LocalServerPort
    int port;

    @Autowired
    MovableClock clock;

    @Autowired
    Filestore filestore;

    ApiClient admin;
    OutgoingFixture fixture;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        // no server is needed: a mail is prepared before its server is chosen
        fixture = new OutgoingFixture(admin).noServers().catchallDomain("mycompany.example");
    }

    @Test
    void aMailWhoseAttachmentIsGoneRetriesWithTheReasonThenFailsAfterTheGiveUpTime() throws Exception {
        long record = fixture.record("Lost file");
        String mary = fixture.follower(record, "Mary", "customer.example")
                .get("email")
                .asString();
        byte[] content = ("report " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        fixture.postWithAttachment(
                record, fixture.author("Ann", "mycompany.example"), "<p>with a file</p>", "report.txt", content);
        Files.delete(filestore.file(
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content))));

        process();
        JsonNode retrying = fixture.mailTo(mary);
        assertThat(retrying.get("state").asString()).isEqualTo("outgoing");
        assertThat(retrying.get("attempts").asInt()).isEqualTo(1);
        assertThat(retrying.get("failureReason").asString()).startsWith("could not prepare the mail: ");
        assertThat(notification(record).get("status").asString()).isEqualTo("ready");

        clock.advance(Duration.ofHours(25));
        process();
        JsonNode failed = fixture.mailTo(mary);
        assertThat(failed.get("state").asString()).isEqualTo("exception");
        assertThat(failed.get("failureReason").asString()).startsWith("gave up after 2 attempts: could not prepare");
        assertThat(notification(record).get("status").asString()).isEqualTo("exception");
        assertThat(admin.get("/api/records/" + record + "/messages")
                        .json()
                        .get(0)
                        .get("deliveryFailed")
                        .asBoolean())
                .isTrue();
    }

    private void process() {
        assertThat(admin.post("/api/mail-queue/process", Map.of()).status()).isEqualTo(200);
    }

    private JsonNode notification(long record) {
        return admin.get("/api/records/" + record + "/messages")
                .json()
                .get(0)
                .get("notifications")
                .get(0);
    }
}
