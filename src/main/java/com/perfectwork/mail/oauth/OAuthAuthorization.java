package com.perfectwork.mail.oauth;

import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.perfectwork.mail.settings.DeploymentSettings;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Connecting a server's account: the authorization-code flow with PKCE (RFC 6749 §4.1, RFC 7636). {@link #start}
 * stores a random {@code state} for one use, for {@code perfectwork.oauth.state-lifetime}, bound to the administrator
 * who started it and, when a page started it, to that browser session; {@link #finish} takes the provider's answer at
 * {@code /oauth/callback}, checks the state and who brings it back, exchanges the code and stores the tokens. The
 * redirect URI is {@code perfectwork.base-url} + {@value #CALLBACK}, as registered with the provider.
 */
@Component
public class OAuthAuthorization {

    public static final String CALLBACK = "/oauth/callback";

    /** An authorization started: the state (for a page to keep in its session) and where to send the browser. */
    public record Started(String state, URI authorizationUrl) {}

    /** The provider's answer as it came: its query parameters (RFC 6749 §4.1.2). */
    public record Answer(String state, String code, String error, String errorDescription) {}

    private static final Logger log = LoggerFactory.getLogger(OAuthAuthorization.class);

    private final OAuthApplications applications;
    private final ProviderClient client;
    private final PendingAuthorizations pending;
    private final OAuthConnections connections;
    private final OAuthSettings settings;
    private final DeploymentSettings deployment;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    OAuthAuthorization(
            OAuthApplications applications,
            ProviderClient client,
            PendingAuthorizations pending,
            OAuthConnections connections,
            OAuthSettings settings,
            DeploymentSettings deployment,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            Clock clock) {
        this.transactions = transactions;
        this.applications = applications;
        this.client = client;
        this.pending = pending;
        this.connections = connections;
        this.settings = settings;
        this.deployment = deployment;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Starts connecting the server's account with the provider, for the administrator {@code login}; {@code
     * sessionBound}: the answer must come back in the browser session that keeps the returned state. An {@code
     * InvalidInputException} when the provider's application is not set up.
     */
    public Started start(OAuthServer server, OAuthProvider provider, String login, boolean sessionBound) {
        OAuthApplications.Application application = applications.require(provider);
        String state = new State().getValue();
        String verifier = new CodeVerifier().getValue();
        Instant now = clock.instant();
        pending.add(
                state,
                new PendingAuthorizations.Pending(
                        server, provider, verifier, login, sessionBound, now.plus(settings.stateLifetime())),
                now);
        return new Started(state, client.authorizationUri(provider, application, redirectUri(), state, verifier));
    }

    /**
     * Takes the provider's answer, brought back by the administrator {@code login} in a session that keeps {@code
     * sessionStates}. Connected, or refused with what to tell the administrator; the state is used up either way.
     */
    public CallbackOutcome finish(Answer answer, String login, Set<String> sessionStates) {
        if (answer.state() == null || answer.state().isBlank()) {
            return new CallbackOutcome.Refused(
                    null,
                    "This answer carries no state",
                    "The provider's answer must carry the state it was given. Start again from the server's page.");
        }
        Optional<PendingAuthorizations.Pending> taken = pending.take(answer.state());
        if (taken.isEmpty()) {
            return new CallbackOutcome.Refused(
                    null,
                    "This sign-in is unknown or was used already",
                    "Each sign-in link works once. Start again from the server's page (Connect your account).");
        }
        PendingAuthorizations.Pending started = taken.get();
        Optional<String> refusal = refusal(started, answer, login, sessionStates);
        if (refusal.isPresent()) {
            return new CallbackOutcome.Refused(
                    started.server(),
                    "The " + started.provider().product() + " account was not connected",
                    refusal.get());
        }
        return exchange(started, answer.code());
    }

    /** Why the answer is not taken, or empty when it is: who brings it, whether in time, what the provider said. */
    private Optional<String> refusal(
            PendingAuthorizations.Pending started, Answer answer, String login, Set<String> sessionStates) {
        String product = started.provider().product();
        if (!clock.instant().isBefore(started.expiresAt())) {
            return Optional.of(
                    "The sign-in took longer than " + settings.stateLifetime().toMinutes()
                            + " minutes and expired. Start again from the server's page.");
        }
        if (!started.login().equals(login)) {
            return Optional.of("This sign-in was started by another administrator; it must be finished by them.");
        }
        if (started.sessionBound() && !sessionStates.contains(answer.state())) {
            return Optional.of("This sign-in was started in another browser session. Start again from the server's"
                    + " page in this browser.");
        }
        if ("access_denied".equals(answer.error())) {
            return Optional.of("Access was not granted (access_denied): the " + product
                    + " account was not allowed to be used. Nothing changed; connect again and allow access.");
        }
        if (answer.error() != null) {
            return Optional.of(started.provider().company() + " answered with the error " + answer.error()
                    + (answer.errorDescription() == null ? "" : ": " + answer.errorDescription())
                    + ". Nothing changed.");
        }
        if (answer.code() == null || answer.code().isBlank()) {
            return Optional.of(started.provider().company() + " sent no authorization code. Nothing changed.");
        }
        return Optional.empty();
    }

    private CallbackOutcome exchange(PendingAuthorizations.Pending started, String code) {
        OAuthProvider provider = started.provider();
        String title = "The " + provider.product() + " account was not connected";
        ProviderClient.Tokens tokens;
        try {
            tokens = client.exchange(
                    provider, applications.require(provider), code, redirectUri(), started.codeVerifier());
        } catch (ProviderClient.Refused e) {
            log.warn(
                    "{} refused the authorization code for {}: {}",
                    provider.company(),
                    started.server(),
                    e.getMessage());
            return new CallbackOutcome.Refused(
                    started.server(),
                    title,
                    provider.company() + "'s token endpoint refused the authorization code: " + e.getMessage()
                            + ". Check the application's client id and secret, then connect again.");
        } catch (IOException | RuntimeException e) {
            log.warn("Cannot reach {}'s token endpoint for {}: {}", provider.company(), started.server(), e.toString());
            return new CallbackOutcome.Refused(
                    started.server(),
                    title,
                    provider.company() + "'s token endpoint could not be reached: " + e.getMessage()
                            + ". Connect again in a moment.");
        }
        if (tokens.refreshToken() == null) {
            return new CallbackOutcome.Refused(
                    started.server(),
                    title,
                    provider.company() + " gave no refresh token, without which the server cannot keep signing in."
                            + " Remove the application's access from the account's security settings, then connect"
                            + " again.");
        }
        // stored and told in one transaction: what waited for the account goes once the tokens are committed
        transactions.executeWithoutResult(status -> {
            connections.connect(started.server(), provider, tokens, clock.instant());
            events.publishEvent(new OAuthConnected(started.server()));
        });
        log.info("Connected the {} account of {}", provider.product(), started.server());
        return new CallbackOutcome.Connected(started.server(), provider);
    }

    /** The callback address registered with the providers. */
    public URI redirectUri() {
        String base = deployment.baseUrl().endsWith("/")
                ? deployment.baseUrl().substring(0, deployment.baseUrl().length() - 1)
                : deployment.baseUrl();
        return URI.create(base + CALLBACK);
    }
}
