package com.perfectwork.mail.oauth;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A current access token for a server that signs in with OAuth2. The token is cached in the database with its
 * expiry (every instance uses it) and refreshed {@code perfectwork.oauth.refresh-margin} before it expires, or at once
 * when the mail server refused it ({@link #afterRejection}). One refresh at a time per server: within an instance by a
 * lock, across instances by a lease on the server's row ({@link OAuthConnections#lease}); whoever does not hold it
 * waits for the holder's token. A refresh refused with {@code invalid_grant} (revoked, expired, password changed)
 * drops the tokens: the server needs reconnecting, and says so.
 */
@Component
public class AccessTokens {

    /** How often a server's token is looked at again while another instance refreshes it. */
    private static final Duration WAIT_STEP = Duration.ofMillis(100);

    private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);

    private final OAuthConnections connections;
    private final OAuthApplications applications;
    private final ProviderClient client;
    private final OAuthSettings settings;
    private final Clock clock;
    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    private final Map<OAuthServer, ReentrantLock> refreshes = new ConcurrentHashMap<>();

    AccessTokens(
            OAuthConnections connections,
            OAuthApplications applications,
            ProviderClient client,
            OAuthSettings settings,
            Clock clock) {
        this.connections = connections;
        this.applications = applications;
        this.client = client;
        this.settings = settings;
        this.clock = clock;
    }

    /** A token to sign in with now: the cached one while it is good for the refresh margin, else a refreshed one. */
    public TokenOutcome accessToken(OAuthServer server) {
        return current(server, null);
    }

    /**
     * The mail server refused {@code rejected}: a token other than it if one was stored meanwhile, else a refreshed one
     * (once: a caller refused again gives up, as with a wrong password).
     */
    public TokenOutcome afterRejection(OAuthServer server, String rejected) {
        return current(server, rejected);
    }

    public OAuthStatus status(OAuthServer server) {
        return connections.find(server).map(OAuthConnections.Connection::status).orElse(OAuthStatus.NOT_CONNECTED);
    }

    /** The status of each server of a kind that has been connected; a server missing here was never connected. */
    public Map<Long, OAuthStatus> statuses(OAuthServer.Kind kind) {
        return connections.statuses(kind);
    }

    /** A server whose account must be connected again, with the provider's reason and since when. */
    public record Disconnected(OAuthServer server, OAuthProvider provider, String error, Instant since) {}

    /** The servers that need reconnecting, longest first: for the dashboard. */
    public List<Disconnected> reconnectNeeded() {
        return connections.disconnected().stream()
                .map(d -> new Disconnected(d.server(), d.provider(), d.error(), d.since()))
                .toList();
    }

    /** Drops a server's tokens (the server was deleted, or no longer signs in with this provider). */
    public void forget(OAuthServer server) {
        connections.forget(server);
    }

    private TokenOutcome current(OAuthServer server, String rejected) {
        Optional<OAuthConnections.Connection> stored = connections.find(server);
        if (stored.isEmpty()) {
            return new TokenOutcome.ReconnectNeeded("not connected yet: an administrator must connect the account"
                    + " (Connect your account, on the server's page)");
        }
        Optional<TokenOutcome> usable = usable(stored.get(), rejected);
        if (usable.isPresent()) {
            return usable.get();
        }
        ReentrantLock turn = refreshes.computeIfAbsent(server, s -> new ReentrantLock());
        turn.lock();
        try {
            return refreshInTurn(server, rejected);
        } finally {
            turn.unlock();
        }
    }

    /** The stored token when it may be used; empty when a refresh is due. */
    private Optional<TokenOutcome> usable(OAuthConnections.Connection connection, String rejected) {
        if (connection.error() != null || connection.refreshToken() == null) {
            return Optional.of(new TokenOutcome.ReconnectNeeded(
                    connection.error() == null ? "not connected" : connection.error()));
        }
        boolean fresh = connection.accessToken() != null
                && connection.accessExpiresAt() != null
                && clock.instant().plus(settings.refreshMargin()).isBefore(connection.accessExpiresAt());
        return fresh && !connection.accessToken().equals(rejected)
                ? Optional.of(new TokenOutcome.Granted(connection.accessToken()))
                : Optional.empty();
    }

    /**
     * Refreshes, or waits for the instance that does: read again first (another thread or instance may have stored a
     * token meanwhile), take the lease, and only its holder calls the provider.
     */
    private TokenOutcome refreshInTurn(OAuthServer server, String rejected) {
        Instant giveUp = clock.instant().plus(settings.refreshLease()).plus(settings.timeout());
        while (true) {
            Optional<OAuthConnections.Connection> stored = connections.find(server);
            if (stored.isEmpty()) {
                return new TokenOutcome.ReconnectNeeded("not connected");
            }
            Optional<TokenOutcome> usable = usable(stored.get(), rejected);
            if (usable.isPresent()) {
                return usable.get();
            }
            Instant now = clock.instant();
            if (connections.lease(server, owner, now, now.plus(settings.refreshLease()))) {
                return refreshLeased(server, rejected);
            }
            if (!clock.instant().isBefore(giveUp)) {
                return new TokenOutcome.Unavailable(
                        "another instance has been refreshing the token for longer than expected; try again");
            }
            pause();
        }
    }

    /**
     * Holding the lease, reads the row again: the holder before may have stored a token (and a rotated refresh token)
     * between this instance's last read and its lease, and refreshing with what was read before would present a
     * refresh token the provider no longer takes.
     */
    private TokenOutcome refreshLeased(OAuthServer server, String rejected) {
        Optional<OAuthConnections.Connection> current = connections.find(server);
        Optional<TokenOutcome> usable = current.flatMap(connection -> usable(connection, rejected));
        if (current.isEmpty() || usable.isPresent()) {
            connections.release(server, owner);
            return usable.orElse(new TokenOutcome.ReconnectNeeded("not connected"));
        }
        return refresh(current.get());
    }

    private TokenOutcome refresh(OAuthConnections.Connection connection) {
        OAuthServer server = connection.server();
        OAuthProvider provider = connection.provider();
        Optional<OAuthApplications.Application> application = applications.of(provider);
        if (application.isEmpty()) {
            connections.release(server, owner);
            return new TokenOutcome.Unavailable("the " + provider.product() + " application is not set up: enter its"
                    + " client id and secret in Settings > Discuss");
        }
        try {
            ProviderClient.Tokens tokens = client.refresh(provider, application.get(), connection.refreshToken());
            if (!connections.refreshed(server, owner, tokens, clock.instant())) {
                log.info("The refresh of {} was overtaken (connected anew meanwhile): its outcome is not kept", server);
            }
            log.info(
                    "Refreshed the access token of {} (until {}{})",
                    server,
                    tokens.expiresAt(),
                    tokens.refreshToken() == null ? "" : ", refresh token rotated");
            return new TokenOutcome.Granted(tokens.accessToken());
        } catch (ProviderClient.Refused e) {
            if (e.grantGone()) {
                String reason = "reconnect needed: " + provider.company() + " refused to refresh the access ("
                        + e.getMessage() + "); the account's access was revoked or expired, or its password changed."
                        + " Connect the " + provider.product() + " account again on the server's page.";
                connections.refused(server, owner, reason, clock.instant());
                log.warn("{}: {}", server, reason);
                return new TokenOutcome.ReconnectNeeded(reason);
            }
            connections.release(server, owner);
            return new TokenOutcome.Unavailable(
                    provider.company() + "'s token endpoint refused the refresh: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            connections.release(server, owner);
            log.warn("Cannot refresh the access token of {}: {}", server, e.toString());
            return new TokenOutcome.Unavailable(
                    provider.company() + "'s token endpoint could not be reached: " + e.getMessage());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(WAIT_STEP.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for another instance's token refresh", e);
        }
    }
}
