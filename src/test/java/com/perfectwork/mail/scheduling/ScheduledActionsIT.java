package com.perfectwork.mail.scheduling;

import static com.perfectwork.mail.Problems.assertField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@ApiTest
class ScheduledActionsIT {

    @LocalServerPort
    int port;

    @Autowired
    CountingJob counter;

    @Autowired
    ScheduledActions actions;

    @Autowired
    JdbcClient jdbc;

    ApiClient admin;
    long counterId;
    long failingId;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        counterId = action("test_counter").get("id").asLong();
        failingId = action("test_failing").get("id").asLong();
        admin.put(
                "/api/scheduled-actions/" + counterId,
                Map.of(
                        "intervalNumber",
                        1,
                        "intervalType",
                        "days",
                        "nextCall",
                        Instant.now().plus(Duration.ofDays(1)).toString(),
                        "active",
                        true));
    }

    @Test
    void everyJobHasAnActionWithItsDefaultInterval() {
        JsonNode purge = action("event_publication_purge");
        assertThat(purge.get("name").asString()).isEqualTo("System: Purge Completed Events");
        assertThat(purge.get("intervalNumber").asInt()).isEqualTo(1);
        assertThat(purge.get("intervalType").asString()).isEqualTo("days");
        assertThat(purge.get("active").asBoolean()).isTrue();
        assertThat(action("test_failing").get("intervalNumber").asInt()).isEqualTo(7);
    }

    @Test
    void runManuallyRunsTheJobAndRecordsItsSummaryLeavingTheNextCall() {
        int before = counter.runs();
        String nextCall = admin.get("/api/scheduled-actions/" + counterId)
                .json()
                .get("nextCall")
                .asString();
        JsonNode ran = admin.post("/api/scheduled-actions/" + counterId + "/run", Map.of())
                .json();
        assertThat(counter.runs()).isEqualTo(before + 1);
        assertThat(ran.get("lastRunStatus").asString()).isEqualTo("ok");
        assertThat(ran.get("lastRunDetail").asString()).isEqualTo("run " + (before + 1));
        assertThat(ran.get("lastRunAt").isNull()).isFalse();
        assertThat(ran.get("nextCall").asString()).isEqualTo(nextCall);
    }

    @Test
    void aFailingJobShowsItsError() {
        JsonNode ran = admin.post("/api/scheduled-actions/" + failingId + "/run", Map.of())
                .json();
        assertThat(ran.get("lastRunStatus").asString()).isEqualTo("failed");
        assertThat(ran.get("lastRunDetail").asString()).contains("the test server is unreachable");
    }

    @Test
    void theIntervalIsEditedAndChecked() {
        JsonNode changed = admin.put(
                        "/api/scheduled-actions/" + counterId, Map.of("intervalNumber", 15, "intervalType", "minutes"))
                .json();
        assertThat(changed.get("intervalNumber").asInt()).isEqualTo(15);
        assertThat(changed.get("intervalType").asString()).isEqualTo("minutes");
        assertField(admin.put("/api/scheduled-actions/" + counterId, Map.of("intervalNumber", 0)), "intervalNumber");
        assertField(admin.put("/api/scheduled-actions/" + counterId, Map.of("intervalType", "weeks")), "intervalType");
        assertThat(admin.put("/api/scheduled-actions/987654321", Map.of("intervalNumber", 2))
                        .status())
                .isEqualTo(404);
        assertThat(admin.post("/api/scheduled-actions/987654321/run", Map.of()).status())
                .isEqualTo(404);
    }

    @Test
    void aDueActionRunsByItselfAndItsNextCallMovesOn() {
        int before = counter.runs();
        Instant due = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        admin.put(
                "/api/scheduled-actions/" + counterId,
                Map.of("intervalNumber", 1, "intervalType", "hours", "nextCall", due.toString()));
        await().atMost(Duration.ofSeconds(10)).until(() -> counter.runs() > before);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonNode action = admin.get("/api/scheduled-actions/" + counterId).json();
            assertThat(action.get("lastRunStatus").asString()).isEqualTo("ok");
            assertThat(Instant.parse(action.get("nextCall").asString())).isEqualTo(due.plus(Duration.ofHours(1)));
        });
    }

    @Test
    void anInactiveActionDoesNotRunByItself() {
        admin.put(
                "/api/scheduled-actions/" + counterId,
                Map.of(
                        "active",
                        false,
                        "nextCall",
                        Instant.now().minusSeconds(60).toString()));
        int before = counter.runs();
        actions.trigger("test_counter");
        // a run would take one tick (200 ms); the failing job, due now, shows that ticks do happen meanwhile
        admin.put(
                "/api/scheduled-actions/" + failingId,
                Map.of("nextCall", Instant.now().minusSeconds(1).toString()));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Instant.parse(
                                action("test_failing").get("nextCall").asString())
                        .isAfter(Instant.now()));
        assertThat(counter.runs()).isEqualTo(before);
    }

    @Test
    void triggerRunsAnActiveActionAtOnce() {
        int before = counter.runs();
        actions.trigger("test_counter");
        await().atMost(Duration.ofSeconds(5)).until(() -> counter.runs() > before);
    }

    @Test
    void anActionRunningOnAnotherInstanceIsNotRunTwice() {
        jdbc.sql("UPDATE scheduled_actions SET lease_owner = 'other-instance', lease_until = ? WHERE id = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(10), counterId)
                .update();
        try {
            int before = counter.runs();
            ApiClient.Response refused = admin.post("/api/scheduled-actions/" + counterId + "/run", Map.of());
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("detail").asString())
                    .contains("Test: Counter")
                    .contains("running");
            assertThat(counter.runs()).isEqualTo(before);
        } finally {
            jdbc.sql("UPDATE scheduled_actions SET lease_owner = NULL, lease_until = NULL WHERE id = ?")
                    .param(counterId)
                    .update();
        }
        // an expired lease (its instance died) is taken over
        jdbc.sql("UPDATE scheduled_actions SET lease_owner = 'dead-instance', lease_until = ? WHERE id = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1), counterId)
                .update();
        assertThat(admin.post("/api/scheduled-actions/" + counterId + "/run", Map.of())
                        .status())
                .isEqualTo(200);
    }

    private JsonNode action(String code) {
        return admin.get("/api/scheduled-actions")
                .json()
                .valueStream()
                .filter(a -> a.get("code").asString().equals(code))
                .findFirst()
                .orElseThrow();
    }
}
