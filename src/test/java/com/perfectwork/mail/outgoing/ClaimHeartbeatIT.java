package com.perfectwork.mail.outgoing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ClockedApiTest;
import com.perfectwork.mail.OutgoingFixture;
import com.perfectwork.mail.ScriptedSmtpServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * At most once per claim. One claim holds the mails of three servers (chosen by their FROM filters), sent one server
 * after another; the first server takes a second per mail, so that its group outlasts the two-second lease, while a
 * second claimer ({@code POST /api/mail-queue/process}) runs pass after pass. The heartbeat keeps the whole claim
 * alive: the second claimer finds nothing to take, and every mail is delivered exactly once; and a mail an
 * administrator cancels meanwhile is found no longer claimed by the next extension, and not sent.
 */
@ClockedApiTest
class ClaimHeartbeatIT {

    private static final int FOLLOWERS = 6;

    @LocalServerPort
    int port;

    @Autowired
    QueueRunner runner;

    ApiClient admin;
    OutgoingFixture fixture;
    ScriptedSmtpServer slow;
    ScriptedSmtpServer second;
    ScriptedSmtpServer third;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        fixture = new OutgoingFixture(admin).noServers().catchallDomain("mycompany.example");
        slow = ScriptedSmtpServer.start().slowDown(1000);
        second = ScriptedSmtpServer.start();
        third = ScriptedSmtpServer.start();
    }

    @AfterEach
    void tearDown() {
        fixture.noServers();
        List.of(slow, second, third).forEach(ScriptedSmtpServer::close);
    }

    @Test
    void aSlowFirstServerLetsNoOtherClaimerSendTheLaterServersMailsAndACanceledOneIsNotSent() {
        fixture.server("slow", slow.port(), "slow.example", 10, Map.of());
        fixture.server("second", second.port(), "second.example", 10, Map.of());
        fixture.server("third", third.port(), "third.example", 10, Map.of());
        long record = fixture.record("Three servers");
        for (int i = 0; i < FOLLOWERS; i++) {
            fixture.follower(record, "Follower " + (char) ('a' + i), "customer.example");
        }
        // posting does not wake the runner here: the three messages' mails wait together for one claim (an author
        // follows the record from her post on, so the later messages go to one and two more followers)
        fixture.post(record, fixture.author("Sam", "slow.example"), null, "<p>through the slow server</p>");
        fixture.post(record, fixture.author("Sue", "second.example"), null, "<p>through the second server</p>");
        String thirdMessage = fixture.post(
                        record, fixture.author("Tom", "third.example"), null, "<p>through the third server</p>")
                .get("messageId")
                .asString();
        int queued = fixture.queue("outgoing").size();
        assertThat(queued).isEqualTo(3 * FOLLOWERS + 3);
        JsonNode canceled = fixture.queue("outgoing").stream()
                .filter(mail -> mail.get("messageIdHeader").asString().equals(thirdMessage))
                .findFirst()
                .orElseThrow();

        runner.wake(); // the first claimer takes all of them, the slow server's first
        await().atMost(Duration.ofSeconds(30)).until(() -> !slow.accepted().isEmpty());
        // while the claim is being sent, an administrator cancels one of its mails: the claim no longer holds it
        assertThat(admin.post("/api/mail-queue/" + canceled.get("id").asLong() + "/cancel", Map.of())
                        .status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    // the second claimer: a pass as soon as the previous one ended, all along
                    assertThat(admin.post("/api/mail-queue/process", Map.of()).status())
                            .isEqualTo(200);
                    return fixture.queue("outgoing").isEmpty();
                });

        assertThat(List.of(slow, second, third))
                .extracting(server -> server.accepted().size())
                .as("mails accepted by each server, a mail sent twice counted twice")
                .containsExactly(FOLLOWERS, FOLLOWERS + 1, FOLLOWERS + 1);
        assertThat(List.of(slow, second, third))
                .extracting(server -> ScriptedSmtpServer.distinct(server.accepted()))
                .containsExactly(FOLLOWERS, FOLLOWERS + 1, FOLLOWERS + 1);
        assertThat(third.accepted())
                .as("the canceled mail")
                .noneMatch(accepted -> canceled.get("emailTo")
                        .asString()
                        .toLowerCase()
                        .contains(accepted.recipients().get(0)));
        assertThat(mail(canceled.get("id").asLong()).get("state").asString()).isEqualTo("cancel");
        assertThat(fixture.queue(null).stream()
                        .filter(mail -> mail.get("subject").asString().contains("Three servers"))
                        .filter(mail ->
                                mail.get("id").asLong() != canceled.get("id").asLong())
                        .map(mail -> mail.get("state").asString()))
                .hasSize(queued - 1)
                .containsOnly("sent");
    }

    private JsonNode mail(long id) {
        return admin.get("/api/mail-queue/" + id).json();
    }
}
