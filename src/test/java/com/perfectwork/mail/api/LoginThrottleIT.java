package com.perfectwork.mail.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The login throttle over HTTP Basic and API keys, each client at its own address (named in {@code X-Forwarded-For},
 * which the test server follows). The thresholds and the waits' growth are {@code LoginThrottleTest}'s.
 */
@ApiTest
class LoginThrottleIT {

    private static final String PASSWORD = "right-password-1";

    @LocalServerPort
    int port;

    @Test
    void theSixthWrongPasswordIsRefusedWith429BeforeItsCheckWhileTheOwnerSignsInFromElsewhere() {
        String login = "throttled-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient admin = ApiClient.admin(port);
        assertThat(admin.post("/api/users", Map.of("login", login, "password", PASSWORD, "role", "user"))
                        .status())
                .isEqualTo(201);
        ApiClient guesser = ApiClient.basic(port, login, "wrong-password").from("203.0.113.10");
        for (int i = 0; i < 5; i++) {
            assertThat(guesser.get("/api/records").status()).isEqualTo(401);
        }

        assertRetryLater(guesser.get("/api/records"));
        assertRetryLater(
                ApiClient.basic(port, login, PASSWORD).from("203.0.113.10").get("/api/records"));
        assertThat(ApiClient.basic(port, login, PASSWORD)
                        .from("198.51.100.10")
                        .get("/api/records")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void theSixthUnknownApiKeyFromOneAddressIsRefusedWith429() {
        ApiClient guesser =
                ApiClient.bearer(port, "pwm_guessed" + UUID.randomUUID()).from("203.0.113.11");
        for (int i = 0; i < 5; i++) {
            assertThat(guesser.get("/api/records").status()).isEqualTo(401);
        }
        assertRetryLater(guesser.get("/api/records"));
    }

    private static void assertRetryLater(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(429);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asString()).contains("Too many failed logins");
        assertThat(Integer.parseInt(
                        response.raw().headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1, 30);
        assertThat(response.raw().headers().allValues("WWW-Authenticate")).isEmpty();
    }
}
