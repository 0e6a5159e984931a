package com.perfectwork.mail.api;

import com.perfectwork.mail.inbound.ConnectionCheck;
import com.perfectwork.mail.inbound.FetchReport;
import com.perfectwork.mail.inbound.Fetchmail;
import com.perfectwork.mail.inbound.InboundLog;
import com.perfectwork.mail.inbound.IncomingServer;
import com.perfectwork.mail.inbound.IncomingServerDraft;
import com.perfectwork.mail.inbound.IncomingServers;
import com.perfectwork.mail.oauth.AccessTokens;
import com.perfectwork.mail.oauth.OAuthProvider;
import com.perfectwork.mail.oauth.OAuthServer;
import com.perfectwork.mail.oauth.OAuthStatus;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Incoming mail servers (admin): CRUD, Test & Confirm, Fetch Now, and connecting the account of one that signs in with
 * OAuth2. The password and the tokens are write-only.
 */
@RestController
@RequestMapping("/api/incoming-servers")
class IncomingServerController {

    record ServerRequest(
            String name,
            String protocol,
            String host,
            Integer port,
            String security,
            String username,
            String password,
            String folder,
            Boolean idle,
            Boolean active,
            Integer priority,
            String fallbackModel,
            Boolean verifyCertificates,
            String authentication,
            String oauthProvider) {
        IncomingServerDraft draft() {
            return new IncomingServerDraft(
                    name,
                    protocol,
                    host,
                    port,
                    security,
                    username,
                    password,
                    folder,
                    idle,
                    active,
                    priority,
                    fallbackModel,
                    verifyCertificates,
                    authentication,
                    OAuthProvider.parse(oauthProvider, "oauthProvider"));
        }
    }

    record ServerResponse(
            long id,
            String name,
            String protocol,
            String host,
            int port,
            String security,
            String username,
            boolean passwordSet,
            String folder,
            boolean idle,
            String state,
            boolean active,
            int priority,
            String fallbackModel,
            boolean verifyCertificates,
            Instant lastFetchAt,
            String lastError,
            int failedMails,
            String authentication,
            String oauthProvider,
            boolean oauthConnected,
            String oauthError) {
        /** {@code failedMails}: the server's mails failed in the inbound log (outcome {@code failed}). */
        static ServerResponse of(IncomingServer s, Map<Long, Integer> failedMails, Map<Long, OAuthStatus> oauth) {
            OAuthStatus status = s.oauth2() ? oauth.get(s.id()) : null;
            return new ServerResponse(
                    s.id(),
                    s.name(),
                    s.protocol(),
                    s.host(),
                    s.port(),
                    s.security(),
                    s.username(),
                    s.hasPassword(),
                    s.folder(),
                    s.idle(),
                    s.state(),
                    s.active(),
                    s.priority(),
                    s.fallbackModel(),
                    s.verifyCertificates(),
                    s.lastFetchAt(),
                    s.lastError(),
                    failedMails.getOrDefault(s.id(), 0),
                    s.authentication(),
                    s.oauthProvider() == null ? null : s.oauthProvider().code(),
                    status != null && status.connected(),
                    status == null ? null : status.error());
        }
    }

    private final IncomingServers servers;
    private final Fetchmail fetchmail;
    private final InboundLog inboundLog;
    private final AccessTokens tokens;
    private final ServerAuthorizations authorizations;

    IncomingServerController(
            IncomingServers servers,
            Fetchmail fetchmail,
            InboundLog inboundLog,
            AccessTokens tokens,
            ServerAuthorizations authorizations) {
        this.servers = servers;
        this.fetchmail = fetchmail;
        this.inboundLog = inboundLog;
        this.tokens = tokens;
        this.authorizations = authorizations;
    }

    private ServerResponse response(IncomingServer server) {
        return ServerResponse.of(
                server, inboundLog.failedByIncomingServer(), tokens.statuses(OAuthServer.Kind.INCOMING));
    }

    @PostMapping
    ResponseEntity<ServerResponse> create(@RequestBody ServerRequest request) {
        IncomingServer server = servers.create(request.draft());
        return ResponseEntity.created(URI.create("/api/incoming-servers/" + server.id()))
                .body(response(server));
    }

    @GetMapping
    List<ServerResponse> list() {
        Map<Long, Integer> failed = inboundLog.failedByIncomingServer();
        Map<Long, OAuthStatus> oauth = tokens.statuses(OAuthServer.Kind.INCOMING);
        return servers.list().stream()
                .map(s -> ServerResponse.of(s, failed, oauth))
                .toList();
    }

    @GetMapping("/{id}")
    ServerResponse get(@PathVariable long id) {
        return response(servers.require(id));
    }

    @PutMapping("/{id}")
    ServerResponse update(@PathVariable long id, @RequestBody ServerRequest request) {
        return response(servers.update(id, request.draft()));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        servers.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/test")
    ConnectionCheck test(@PathVariable long id) {
        return fetchmail.testAndConfirm(id);
    }

    /** Connect the server's account: as for outgoing servers, where to send the administrator's browser. */
    @PostMapping("/{id}/oauth/authorize")
    ServerAuthorizations.AuthorizeResponse authorize(@PathVariable long id, Principal caller) {
        IncomingServer server = servers.require(id);
        return authorizations.start(server.oauthServer(), server.oauth2(), server.oauthProvider(), caller);
    }

    @PostMapping("/{id}/fetch")
    FetchReport fetch(@PathVariable long id) {
        return fetchmail.fetchNow(id);
    }
}
