package com.perfectwork.mail.bounce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.MovableClock;
import com.perfectwork.mail.OutgoingFixture;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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
 * blacklist the address with its note; four, or five within three days (a mail server's bad day), do not. Each bounce
 * returns the Message-ID of a notification really sent to the address (to an SMTP server that took it), as a
 * report must to count.
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

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    ApiClient admin;
    OutgoingFixture fixture;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        fixture = new OutgoingFixture(admin).noServers().catchallDomain("mycompany.example");
        fixture.server("customer mx", smtp.getSmtp().getPort(), null, 1, java.util.Map.of());
    }

    @AfterEach
    void tearDown() {
        fixture.noServers();
    }

    @Test
    void theServerReadsTheInjectedClock() {
        assertThat(serverClock).isSameAs(clock);
    }

    @Test
    void fiveBouncesSpreadOverMoreThanAWeekBlacklistTheAddressWithItsNote() {
        Recipient dead = address();
        String address = dead.address();
        for (int i = 0; i < 5; i++) {
            bounce(dead);
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
        Recipient dead = address();
        String address = dead.address();
        for (int i = 0; i < 4; i++) {
            bounce(dead);
            clock.advance(Duration.ofDays(4));
        }
        assertThat(partner(address).get("bounceCount").asInt()).isEqualTo(4);
        assertThat(blacklisted(address)).isFalse();
    }

    @Test
    void fiveBouncesWithinThreeDaysDoNotBlacklist() {
        Recipient dead = address();
        String address = dead.address();
        for (int i = 0; i < 5; i++) {
            bounce(dead);
            clock.advance(Duration.ofHours(16));
        }
        assertThat(partner(address).get("bounceCount").asInt()).isEqualTo(5);
        assertThat(blacklisted(address)).isFalse();
    }

    @Test
    void bouncesOlderThanTheWindowNoLongerCount() {
        Recipient dead = address();
        String address = dead.address();
        // days 0, 4, 8, 12 and 37: five bounces over 37 days, but only three within the 30 days before the last
        for (int i = 0; i < 4; i++) {
            bounce(dead);
            clock.advance(Duration.ofDays(4));
        }
        clock.advance(Duration.ofDays(21));
        bounce(dead);
        assertThat(partner(address).get("bounceCount").asInt()).isEqualTo(5);
        assertThat(blacklisted(address))
                .as("two of the five bounces are older than 30 days")
                .isFalse();
    }

    /** A new follower's address, and the Message-ID of the notification it was sent. */
    private record Recipient(String address, String messageId) {}

    private Recipient address() {
        long record = fixture.record("Dead " + UUID.randomUUID());
        String address = fixture.follower(record, "Dead", "customer.example")
                .get("email")
                .asString();
        String messageId = fixture.post(record, fixture.author("Author", "example.com"), null, "<p>Hello</p>")
                .get("messageId")
                .asString();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> fixture.mailTo(address).get("state").asString().equals("sent"));
        return new Recipient(address, messageId);
    }

    private void bounce(Recipient recipient) {
        ApiClient.Response response = admin.postBytes(
                "/api/inbound",
                "message/rfc822",
                BounceDeliveryIT.dsn("bounce@mycompany.example", recipient.address(), recipient.messageId()));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("outcome").asString()).isEqualTo("bounce");
        assertThat(response.json().get("bounce").get("attributed").asBoolean()).isTrue();
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
