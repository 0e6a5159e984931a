package com.perfectwork.mail.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.MovableClock;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Two instances sharing the database ask for the same server's expired token at once: one refreshes, the other
 * waits for its token, whatever the provider takes to answer. The second instance is a second {@link AccessTokens}
 * on the same database, with a lock and a lease owner of its own, as another process has.
 */
@OAuthApiTest
class TwoInstancesRefreshIT {

    @LocalServerPort
    int port;

    @Autowired
    MovableClock clock;

    @Autowired
    AccessTokens instanceA;

    @Autowired
    OAuthConnections connections;

    @Autowired
    OAuthApplications applications;

    @Autowired
    ProviderClient client;

    @Autowired
    OAuthSettings settings;

    final LocalAuthorizationServer provider = LocalAuthorizationServer.shared();
    ApiClient api;

    @BeforeEach
    void applications() {
        provider.reset();
        api = ApiClient.admin(port);
        OAuthFixtures.registerApplications(api);
    }

    @Test
    void twoInstancesRefreshAnExpiredTokenOnce() throws Exception {
        OAuthServer server = connected("two@mycompany.example");
        AccessTokens instanceB = new AccessTokens(connections, applications, client, settings, clock);
        provider.refreshDelay(Duration.ofMillis(800));
        clock.advance(Duration.ofHours(2));

        List<TokenOutcome> outcomes = together(instanceA, instanceB, server);

        assertThat(provider.refreshes()).as("one refresh for both").isEqualTo(1);
        assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(TokenOutcome.Granted.class));
        assertThat(token(outcomes.get(0))).isEqualTo(token(outcomes.get(1)));
        assertThat(provider.accessTokenActive(token(outcomes.get(0)))).isTrue();
    }

    @Test
    void aRotatedRefreshTokenIsTheOneBothInstancesUseNext() throws Exception {
        OAuthServer server = connected("rotated@mycompany.example");
        AccessTokens instanceB = new AccessTokens(connections, applications, client, settings, clock);
        provider.rotating(true).refreshDelay(Duration.ofMillis(500));
        clock.advance(Duration.ofHours(2));
        List<TokenOutcome> first = together(instanceA, instanceB, server);
        clock.advance(Duration.ofHours(2));
        List<TokenOutcome> second = together(instanceB, instanceA, server);

        assertThat(provider.refreshes()).isEqualTo(2);
        assertThat(first).allSatisfy(o -> assertThat(o).isInstanceOf(TokenOutcome.Granted.class));
        assertThat(second).allSatisfy(o -> assertThat(o).isInstanceOf(TokenOutcome.Granted.class));
        assertThat(instanceA.status(server).connected()).isTrue();
    }

    /** Both instances ask at the same moment; their answers, in order. */
    private static List<TokenOutcome> together(AccessTokens one, AccessTokens other, OAuthServer server)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<TokenOutcome> a = CompletableFuture.supplyAsync(() -> {
            await(start);
            return one.accessToken(server);
        });
        CompletableFuture<TokenOutcome> b = CompletableFuture.supplyAsync(() -> {
            await(start);
            return other.accessToken(server);
        });
        start.countDown();
        return List.of(a.get(), b.get());
    }

    private OAuthServer connected(String account) {
        long id = OAuthFixtures.outgoingServer(api, "google", account, 587);
        provider.signInAs(account);
        URI authorization = URI.create(api.post("/api/mail-servers/" + id + "/oauth/authorize", Map.of())
                .json()
                .get("authorizationUrl")
                .asString());
        AdminBrowser.Page page = new AdminBrowser(URI.create("http://127.0.0.1:" + port))
                .login("admin", ApiTest.ADMIN_PASSWORD)
                .get(authorization.toString());
        assertThat(page.text("flash")).contains("Connected");
        return OAuthServer.outgoing(id);
    }

    private static String token(TokenOutcome outcome) {
        return ((TokenOutcome.Granted) outcome).accessToken();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
