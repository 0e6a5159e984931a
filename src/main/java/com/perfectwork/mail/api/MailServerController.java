package com.perfectwork.mail.api;

import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.oauth.AccessTokens;
import com.perfectwork.mail.oauth.OAuthProvider;
import com.perfectwork.mail.oauth.OAuthServer;
import com.perfectwork.mail.oauth.OAuthStatus;
import com.perfectwork.mail.outgoing.Authentication;
import com.perfectwork.mail.outgoing.ConnectionTestResult;
import com.perfectwork.mail.outgoing.ConnectionTester;
import com.perfectwork.mail.outgoing.Encryption;
import com.perfectwork.mail.outgoing.MailServer;
import com.perfectwork.mail.outgoing.MailServerDraft;
import com.perfectwork.mail.outgoing.MailServers;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
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
 * Outgoing mail servers (admin). The password and the OAuth2 tokens are write-only; a server that signs in with OAuth2
 * shows whether its account is connected ({@code oauthConnected}) and why it must be connected again ({@code
 * oauthError}).
 */
@RestController
@RequestMapping("/api/mail-servers")
class MailServerController {

    record ServerRequest(
            String name,
            String host,
            Integer port,
            String encryption,
            String authentication,
            String username,
            String password,
            String fromFilter,
            Integer priority,
            Boolean active,
            Boolean verifyCertificates,
            Integer ratePerMinute,
            String oauthProvider) {}

    record ServerResponse(
            long id,
            String name,
            String host,
            int port,
            String encryption,
            String authentication,
            String username,
            boolean passwordSet,
            String fromFilter,
            int priority,
            boolean active,
            boolean verifyCertificates,
            Integer ratePerMinute,
            String oauthProvider,
            boolean oauthConnected,
            String oauthError) {

        static ServerResponse of(MailServer s, Map<Long, OAuthStatus> oauth) {
            OAuthStatus status = s.oauth2() ? oauth.get(s.id()) : null;
            return new ServerResponse(
                    s.id(),
                    s.name(),
                    s.host(),
                    s.port(),
                    lower(s.encryption()),
                    lower(s.authentication()),
                    s.username(),
                    s.hasPassword(),
                    s.fromFilter().isEmpty() ? null : s.fromFilter().toString(),
                    s.priority(),
                    s.active(),
                    s.verifyCertificates(),
                    s.ratePerMinute(),
                    s.oauthProvider() == null ? null : s.oauthProvider().code(),
                    status != null && status.connected(),
                    status == null ? null : status.error());
        }
    }

    record TestResponse(boolean ok, String message, String stage) {}

    private final MailServers servers;
    private final ConnectionTester tester;
    private final AccessTokens tokens;
    private final ServerAuthorizations authorizations;

    MailServerController(
            MailServers servers, ConnectionTester tester, AccessTokens tokens, ServerAuthorizations authorizations) {
        this.servers = servers;
        this.tester = tester;
        this.tokens = tokens;
        this.authorizations = authorizations;
    }

    private ServerResponse response(MailServer server) {
        return ServerResponse.of(server, tokens.statuses(OAuthServer.Kind.OUTGOING));
    }

    @PostMapping
    ResponseEntity<ServerResponse> create(@RequestBody ServerRequest request) {
        MailServer server = servers.create(draft(request));
        return ResponseEntity.created(URI.create("/api/mail-servers/" + server.id()))
                .body(response(server));
    }

    @GetMapping
    List<ServerResponse> list() {
        Map<Long, OAuthStatus> oauth = tokens.statuses(OAuthServer.Kind.OUTGOING);
        return servers.list().stream().map(s -> ServerResponse.of(s, oauth)).toList();
    }

    @GetMapping("/{id}")
    ServerResponse get(@PathVariable long id) {
        return response(servers.require(id));
    }

    @PutMapping("/{id}")
    ServerResponse update(@PathVariable long id, @RequestBody ServerRequest request) {
        return response(servers.update(id, draft(request)));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        servers.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/test")
    TestResponse test(@PathVariable long id) {
        ConnectionTestResult result = tester.test(servers.require(id));
        return new TestResponse(result.ok(), result.message(), result.stage());
    }

    /**
     * Connect the server's account: where to send the administrator's browser, to the provider's consent page. The
     * provider sends it back to {@code /oauth/callback}, which the same administrator must open signed in to the pages.
     */
    @PostMapping("/{id}/oauth/authorize")
    ServerAuthorizations.AuthorizeResponse authorize(@PathVariable long id, Principal caller) {
        MailServer server = servers.require(id);
        return authorizations.start(server.oauthServer(), server.oauth2(), server.oauthProvider(), caller);
    }

    private static MailServerDraft draft(ServerRequest r) {
        return new MailServerDraft(
                r.name(),
                r.host(),
                r.port(),
                encryption(r.encryption()),
                authentication(r.authentication()),
                r.username(),
                r.password(),
                r.fromFilter(),
                r.priority(),
                r.active(),
                r.verifyCertificates(),
                r.ratePerMinute(),
                OAuthProvider.parse(r.oauthProvider(), "oauthProvider"));
    }

    private static Encryption encryption(String value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "none" -> Encryption.NONE;
            case "starttls" -> Encryption.STARTTLS;
            case "ssl" -> Encryption.SSL;
            default -> throw new InvalidInputException("encryption", "must be none, starttls or ssl");
        };
    }

    private static Authentication authentication(String value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "none" -> Authentication.NONE;
            case "login" -> Authentication.LOGIN;
            case "oauth2" -> Authentication.OAUTH2;
            default -> throw new InvalidInputException("authentication", "must be none, login or oauth2");
        };
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
