package com.perfectwork.mail.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.MovableClock;
import java.time.Duration;
import java.util.List;
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

    /**
     * Round after round, whichever instance refreshes, the other one (which read the row before) never presents the
     * refresh token the provider just rotated away: it reads the row again once it holds the lease.
     */
    @Test
    void aRotatedRefreshTokenIsTheOneBothInstancesUseNext() throws Exception {
        OAuthServer server = connected("rotated@mycompany.example");
        AccessTokens instanceB = new AccessTokens(connections, applications, client, settings, clock);
        provider.rotating(true).refreshDelay(Duration.ofMillis(300));
        int rounds = 4;
        for (int round = 0; round < rounds; round++) {
            clock.advance(Duration.ofHours(2));
            List<TokenOutcome> outcomes =
                    round % 2 == 0 ? together(instanceA, instanceB, server) : together(instanceB, instanceA, server);
            assertThat(outcomes)
                    .as("round " + round)
                    .allSatisfy(o -> assertThat(o).isInstanceOf(TokenOutcome.Granted.class));
        }
        assertThat(provider.refreshes()).isEqualTo(rounds);
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
        OAuthFixtures.connect(api, port, "/api/mail-servers/" + id, account);
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
