package com.perfectwork.mail.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.MovableClock;
import com.perfectwork.mail.OutgoingFixture;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * The auto-blacklist rule end to end, days passing on an injected clock: five bounces spread over more than a week
 * blacklist the address with its note; four, or five within three days (a mail server's bad day), do not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class BounceBlacklistIT {

    @TestConfiguration
    static class Days {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    MovableClock clock;

    @Autowired
    Clock serverClock;

    ApiClient admin;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        new OutgoingFixture(admin).catchallDomain("mycompany.example");
    }

    @Test
    void theServerReadsTheInjectedClock() {
        assertThat(serverClock).isSameAs(clock);
    }

    @Test
    void fiveBouncesSpreadOverMoreThanAWeekBlacklistTheAddressWithItsNote() {
        String address = address();
        for (int i = 0; i < 5; i++) {
            bounce(address);
            assertThat(blacklisted(address)).as("after bounce " + (i + 1)).isEqualTo(i == 4);
            clock.advance(Duration.ofDays(2));
        }
        assertThat(partner(address).get("bounceCount").asInt()).isEqualTo(5);
        JsonNode entry = entry(address);
        assertThat(entry.get("active").asBoolean()).isTrue();
        assertThat(entry.get("reason").asString()).startsWith("bounced 5 times between ");
        assertThat(entry.get("notes").valueStream().map(n -> n.get("body").asString()))
                .anySatisfy(note -> assertThat(note)
                        .startsWith("blacklisted automatically: bounced 5 times between ")
                        .contains("; last reason: user_unknown"));
    }

    @Test
    void fourBouncesDoNotBlacklist() {
        String address = address();
        for (int i = 0; i < 4; i++) {
            bounce(address);
            clock.advance(Duration.ofDays(4));
        }
        assertThat(partner(address).get("bounceCount").asInt()).isEqualTo(4);
        assertThat(blacklisted(address)).isFalse();
    }

    @Test
    void fiveBouncesWithinThreeDaysDoNotBlacklist() {
        String address = address();
        for (int i = 0; i < 5; i++) {
            bounce(address);
            clock.advance(Duration.ofHours(16));
        }
        assertThat(partner(address).get("bounceCount").asInt()).isEqualTo(5);
        assertThat(blacklisted(address)).isFalse();
    }

    @Test
    void bouncesOlderThanTheWindowNoLongerCount() {
        String address = address();
        // days 0, 4, 8, 12 and 37: five bounces over 37 days, but only three within the 30 days before the last
        for (int i = 0; i < 4; i++) {
            bounce(address);
            clock.advance(Duration.ofDays(4));
        }
        clock.advance(Duration.ofDays(21));
        bounce(address);
        assertThat(partner(address).get("bounceCount").asInt()).isEqualTo(5);
        assertThat(blacklisted(address))
                .as("two of the five bounces are older than 30 days")
                .isFalse();
    }

    private String address() {
        String address = "dead." + UUID.randomUUID().toString().substring(0, 8) + "@customer.example";
        assertThat(admin.post("/api/partners", java.util.Map.of("name", "Dead", "email", address))
                        .status())
                .isEqualTo(201);
        return address;
    }

    private void bounce(String address) {
        ApiClient.Response response = admin.postBytes(
                "/api/inbound",
                "message/rfc822",
                BounceDeliveryIT.dsn("bounce@mycompany.example", address, "<gone@mycompany.example>"));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("outcome").asString()).isEqualTo("bounce");
    }

    private boolean blacklisted(String address) {
        return partner(address).get("blacklisted").asBoolean();
    }

    private JsonNode partner(String address) {
        return admin.get("/api/partners?email=" + URLEncoder.encode(address, StandardCharsets.UTF_8))
                .json()
                .get(0);
    }

    private JsonNode entry(String address) {
        return admin.get("/api/blacklist?search=" + URLEncoder.encode(address, StandardCharsets.UTF_8))
                .json()
                .valueStream()
                .filter(e -> e.get("email").asString().equals(address))
                .findFirst()
                .orElseThrow();
    }
}
