package com.perfectwork.mail.web;

import com.perfectwork.mail.inbound.IncomingServer;
import com.perfectwork.mail.inbound.IncomingServers;
import com.perfectwork.mail.oauth.AccessTokens;
import com.perfectwork.mail.oauth.OAuthProvider;
import com.perfectwork.mail.oauth.OAuthServer;
import com.perfectwork.mail.oauth.OAuthStatus;
import com.perfectwork.mail.outgoing.Authentication;
import com.perfectwork.mail.outgoing.MailServer;
import com.perfectwork.mail.outgoing.MailServers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * How the servers sign in, for their lists, and the ones that sign in with OAuth2 and cannot now, for the dashboard: an account revoked or expired ("reconnect
 * needed": its mails wait, its fetching stopped) or never connected, each with the way to its page.
 */
@Component
class SignInAlerts {

    /** One server to connect: what it is, where to connect it, and why. */
    record Alert(String kind, String name, String page, OAuthProvider provider, boolean reconnect, String problem) {

        public String button() {
            return "Connect your " + provider.product() + " account";
        }
    }

    private final MailServers outgoing;
    private final IncomingServers incoming;
    private final AccessTokens tokens;

    SignInAlerts(MailServers outgoing, IncomingServers incoming, AccessTokens tokens) {
        this.outgoing = outgoing;
        this.incoming = incoming;
        this.tokens = tokens;
    }

    /** How each outgoing server signs in, as its list shows it: "Password", "Gmail: connected", … */
    Map<Long, String> outgoingLabels(List<MailServer> servers) {
        Map<Long, OAuthStatus> statuses = tokens.statuses(OAuthServer.Kind.OUTGOING);
        Map<Long, String> labels = new HashMap<>();
        for (MailServer server : servers) {
            labels.put(
                    server.id(),
                    server.oauth2()
                            ? label(server.oauthProvider(), statuses.get(server.id()))
                            : server.authentication() == Authentication.LOGIN ? "Password" : "None");
        }
        return labels;
    }

    /** How each incoming server signs in, as its list shows it. */
    Map<Long, String> incomingLabels(List<IncomingServer> servers) {
        Map<Long, OAuthStatus> statuses = tokens.statuses(OAuthServer.Kind.INCOMING);
        Map<Long, String> labels = new HashMap<>();
        for (IncomingServer server : servers) {
            labels.put(
                    server.id(),
                    server.oauth2() ? label(server.oauthProvider(), statuses.get(server.id())) : "Password");
        }
        return labels;
    }

    private static String label(OAuthProvider provider, OAuthStatus status) {
        String state = status != null && status.connected()
                ? "connected"
                : status != null && status.error() != null ? "reconnect needed" : "not connected";
        return (provider == null ? "OAuth2" : provider.product()) + ": " + state;
    }

    /** The active OAuth2 servers whose account is not connected, those that need reconnecting first. */
    List<Alert> current() {
        List<Alert> alerts = new ArrayList<>();
        Map<Long, OAuthStatus> sending = tokens.statuses(OAuthServer.Kind.OUTGOING);
        for (MailServer server : outgoing.list()) {
            if (server.oauth2() && server.active() && server.oauthProvider() != null) {
                alert("Outgoing", server.name(), server.oauthServer(), server.oauthProvider(), sending.get(server.id()))
                        .ifPresent(alerts::add);
            }
        }
        Map<Long, OAuthStatus> fetching = tokens.statuses(OAuthServer.Kind.INCOMING);
        for (IncomingServer server : incoming.list()) {
            if (server.oauth2() && server.active() && server.oauthProvider() != null) {
                alert(
                                "Incoming",
                                server.name(),
                                server.oauthServer(),
                                server.oauthProvider(),
                                fetching.get(server.id()))
                        .ifPresent(alerts::add);
            }
        }
        alerts.sort((a, b) -> Boolean.compare(b.reconnect(), a.reconnect()));
        return alerts;
    }

    private static Optional<Alert> alert(
            String kind, String name, OAuthServer server, OAuthProvider provider, OAuthStatus status) {
        if (status != null && status.connected()) {
            return Optional.empty();
        }
        boolean reconnect = status != null && status.error() != null;
        return Optional.of(new Alert(
                kind,
                name,
                OAuthCallbackController.page(server),
                provider,
                reconnect,
                reconnect
                        ? status.error()
                        : "not connected yet: nothing goes through it until its " + provider.product()
                                + " account is connected"));
    }
}
