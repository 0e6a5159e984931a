package com.perfectwork.mail.outgoing;

import static com.perfectwork.mail.Problems.assertField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.OutgoingFixture;
import com.perfectwork.mail.PostgresDatabases;
import com.perfectwork.mail.ScriptedSmtpServer;
import com.perfectwork.mail.settings.MailDomainSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Hosted mode with a server configured by deployment ({@code perfectwork.mail.smtp.*}): port 25 refused,
 * the daily limit, and the configured server used only while no server record exists.
 */
@ApiTest
class HostedModeIT {

    static final ScriptedSmtpServer configured = ScriptedSmtpServer.start();

    @DynamicPropertySource
    static void hosted(DynamicPropertyRegistry properties) {
        properties.add("perfectwork.hosting", () -> "online");
        properties.add("perfectwork.mail.smtp.host", () -> "127.0.0.1");
        properties.add("perfectwork.mail.smtp.port", configured::port);
        // on PostgreSQL a database of its own: this context's queue runner, with its daily limit, would otherwise
        // take (and hold back) the mails the other contexts queue in the suite's shared database
        // (created once, as the context loads; the next run drops and creates it again)
        if (PostgresDatabases.suiteUrl().isPresent()) {
            String own = PostgresDatabases.create(DATABASE);
            properties.add("spring.datasource.url", () -> own);
        }
    }

    private static final String DATABASE = "hosted_mode_it";

    @AfterAll
    static void stop() {
        configured.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    MailDomainSettings mailSettings;

    @Autowired
    DailyLimit dailyLimit;

    @Autowired
    JdbcClient jdbc;

    ApiClient admin;
    OutgoingFixture fixture;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        fixture = new OutgoingFixture(admin)
                .noServers()
                .catchallDomain("mycompany.example")
                .parameter("mail.daily.limit", null);
    }

    @Test
    void port25IsRefusedProposingOthers() {
        ApiClient.Response refused =
                admin.post("/api/mail-servers", Map.of("name", "mx", "host", "smtp.example.com", "port", 25));
        assertField(refused, "port");
        assertThat(refused.json().get("detail").asString())
                .contains("465")
                .contains("587")
                .contains("2525");
        assertField(admin.post("/api/mail-servers", Map.of("name", "mx", "host", "smtp.example.com")), "port");
        assertThat(admin.post("/api/mail-servers", Map.of("name", "ok", "host", "smtp.example.com", "port", 2525))
                        .status())
                .isEqualTo(201);
        fixture.noServers();
    }

    /**
     * A server saved on port 25 before the switch to hosted mode is refused at send time too, in the words of a
     * refused save: the mail is not sent through it, waits with that reason, and goes once the server is fixed.
     */
    @Test
    void aServerSavedOnPort25BeforeTheSwitchIsRefusedAtSendTimeAndItsMailWaitsUntilItIsFixed() {
        try (ScriptedSmtpServer relay = ScriptedSmtpServer.start()) {
            long server = fixture.server("saved before the switch", relay.port(), null, 10, Map.of());
            // as the server was saved while on premises
            jdbc.sql("UPDATE mail_servers SET port = 25 WHERE id = ?")
                    .param(server)
                    .update();
            long record = fixture.record("Port 25");
            String mary = fixture.follower(record, "Mary", "customer.example")
                    .get("email")
                    .asString();
            fixture.post(record, fixture.author("Ann", "mycompany.example"), null, "<p>not through port 25</p>");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode mail = fixture.mailTo(mary);
                assertThat(mail.get("state").asString()).isEqualTo("outgoing");
                assertThat(mail.get("failureReason").asString())
                        .isEqualTo("saved before the switch (127.0.0.1:25): port 25 is blocked for security reasons"
                                + " on hosted databases; try 465, 587 or 2525 instead");
                assertThat(mail.get("attempts").asInt()).isZero();
            });
            assertThat(configured.acceptedFor(mary)).isEmpty();
            JsonNode test = admin.post("/api/mail-servers/" + server + "/test", Map.of())
                    .json();
            assertThat(test.get("ok").asBoolean()).isFalse();
            assertThat(test.get("message").asString()).endsWith(MailServers.PORT_BLOCKED);

            // the administrator moves it to the port the relay listens on: the mail goes at once
            assertThat(admin.put("/api/mail-servers/" + server, Map.of("port", relay.port()))
                            .status())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !relay.acceptedFor(mary).isEmpty());
            assertThat(fixture.mailTo(mary).get("state").asString()).isEqualTo("sent");
        } finally {
            fixture.noServers();
        }
    }

    @Test
    void theDailyLimitIs200UnlessSetOtherwise() {
        assertThat(mailSettings.dailyLimit()).hasValue(200);
        fixture.parameter("mail.daily.limit", "1000");
        assertThat(mailSettings.dailyLimit()).hasValue(1000);
    }

    @Test
    void withoutServerRecordsTheConfiguredServerSendsAndRewritesOutsideItsFilter() {
        fixture.parameter("mail.default.from_filter", "mycompany.example");
        long record = fixture.record("Configured");
        String mary = fixture.follower(record, "Mary", "customer.example")
                .get("email")
                .asString();
        fixture.post(record, fixture.author("Olga", "elsewhere.example"), null, "<p>via the configured server</p>");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !configured.acceptedFor(mary).isEmpty());
        ScriptedSmtpServer.Accepted mail = configured.acceptedFor(mary).get(0);
        assertThat(mail.data()).contains("From: Olga <notifications@mycompany.example>");
        assertThat(mail.envelopeFrom()).startsWith("bounce+").endsWith("@mycompany.example");
        JsonNode queued = fixture.mailTo(mary);
        assertThat(queued.get("mailServerId").isNull()).isTrue();
        assertThat(queued.get("serverRule").asString()).startsWith("5.");
        fixture.parameter("mail.default.from_filter", null);
    }

    @Test
    void overTheDailyLimitMailsWaitForTomorrowAndNoneIsLost() {
        fixture.parameter("mail.daily.limit", "0");
        long record = fixture.record("Limited");
        String mary = fixture.follower(record, "Mary", "customer.example")
                .get("email")
                .asString();
        fixture.post(record, fixture.author("Ann", "mycompany.example"), null, "<p>tomorrow</p>");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode mail = fixture.mailTo(mary);
            assertThat(mail.get("state").asString()).isEqualTo("outgoing");
            assertThat(mail.get("failureReason").asString()).isEqualTo("daily limit reached");
            assertThat(Instant.parse(mail.get("scheduledAt").asString()))
                    .isEqualTo(LocalDate.now(ZoneOffset.UTC)
                            .plusDays(1)
                            .atStartOfDay()
                            .toInstant(ZoneOffset.UTC));
        });
        assertThat(configured.acceptedFor(mary)).isEmpty();
        // the limit raised, a retry sends it at once
        fixture.parameter("mail.daily.limit", null);
        admin.post("/api/mail-queue/" + fixture.mailTo(mary).get("id").asLong() + "/retry", Map.of());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !configured.acceptedFor(mary).isEmpty());
    }

    @Test
    void theLimitCountsMailsAcceptedToday() {
        fixture.parameter("mail.daily.limit", "1000000");
        long record = fixture.record("Counted");
        List<String> recipients = List.of(
                fixture.follower(record, "A", "customer.example").get("email").asString(),
                fixture.follower(record, "B", "customer.example").get("email").asString(),
                fixture.follower(record, "C", "customer.example").get("email").asString());
        int before = configured.accepted().size();
        fixture.post(record, fixture.author("Ann", "mycompany.example"), null, "<p>three</p>");
        await().atMost(Duration.ofSeconds(10)).until(() -> configured.accepted().size() >= before + 3);
        // with exactly the mails already counted today as the limit, the next one waits
        int sentToday = dailyLimit.sentOn(LocalDate.now(ZoneOffset.UTC));
        assertThat(sentToday).isGreaterThanOrEqualTo(3);
        int acceptedBefore = configured.accepted().size();
        fixture.parameter("mail.daily.limit", Integer.toString(sentToday));
        fixture.post(record, fixture.author("Ann", "mycompany.example"), null, "<p>one more</p>");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(fixture.queue("outgoing"))
                        .anyMatch(m -> m.get("emailTo").asString().contains(recipients.get(0))
                                && "daily limit reached"
                                        .equals(m.get("failureReason").asString())));
        assertThat(configured.accepted()).hasSize(acceptedBefore);
        fixture.parameter("mail.daily.limit", null);
    }
}
