package com.perfectwork.mail.oauth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small authorization server standing in for Google's and Microsoft's, speaking the real protocol over HTTP on
 * 127.0.0.1, one issuer per path ({@code /google/…}, {@code /microsoft/…}): the authorization endpoint (RFC 6749
 * §4.1.1, answering at once as the account that "signed in" — or, interactive, with a consent page), the token
 * endpoint (authorization code with PKCE S256 checked, RFC 7636 §4.6; refresh token, rotated when asked; errors as
 * RFC 6749 §5.2), token revocation (RFC 7009) and introspection (RFC 7662, what Dovecot's {@code oauth2} passdb asks).
 * Written for the tests: the mock servers on Maven Central issue refresh tokens they never revoke, and introspect
 * any well-signed token as active.
 */
public final class LocalAuthorizationServer implements AutoCloseable {

    public static final String CLIENT_ID = "perfectwork-test-client";
    public static final String CLIENT_SECRET = "perfectwork-test-secret";
    /** What a resource server (Dovecot) authenticates with at the introspection endpoint. */
    public static final String INTROSPECTION_USER = "dovecot";

    public static final String INTROSPECTION_PASSWORD = "introspection-secret";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static LocalAuthorizationServer shared;

    /** One grant: the account that consented, to which client, for which scope. */
    private record Grant(String account, String clientId, String scope) {}

    private record Code(Grant grant, String redirectUri, String challenge, Instant expiresAt) {}

    private record Access(Grant grant, Instant expiresAt) {}

    private final HttpServer http;
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, Access> accessTokens = new ConcurrentHashMap<>();
    private final AtomicInteger refreshes = new AtomicInteger();
    private final AtomicInteger codeExchanges = new AtomicInteger();
    private volatile String account = "sales@mycompany.example";
    private volatile boolean deny;
    private volatile boolean interactive;
    private volatile boolean rotate;
    private volatile boolean tokenEndpointDown;
    private volatile Duration accessLifetime = Duration.ofHours(1);
    private volatile Duration refreshDelay = Duration.ZERO;

    private LocalAuthorizationServer() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        http.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "local-authorization-server");
            thread.setDaemon(true);
            return thread;
        }));
        http.createContext("/", this::handle);
        http.start();
    }

    /** The one server of the test JVM, started at the first ask. */
    public static synchronized LocalAuthorizationServer shared() {
        if (shared == null) {
            try {
                shared = new LocalAuthorizationServer();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the local authorization server", e);
            }
        }
        return shared;
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    public URI authorizationUri(String provider) {
        return base().resolve("/" + provider + "/authorize");
    }

    public URI tokenUri(String provider) {
        return base().resolve("/" + provider + "/token");
    }

    /** The introspection endpoint with the resource server's credentials in it, as Dovecot's configuration takes it. */
    public String introspectionUrlWithCredentials(String provider) {
        return "http://" + INTROSPECTION_USER + ":" + INTROSPECTION_PASSWORD + "@127.0.0.1:"
                + http.getAddress().getPort() + "/" + provider + "/introspect";
    }

    // what the tests set: who consents, how, and how the token endpoint behaves

    /** The account that signs in and consents at the next authorizations. */
    public LocalAuthorizationServer signInAs(String account) {
        this.account = account;
        return this;
    }

    /** The next authorizations are declined by the account's owner ({@code access_denied}). */
    public LocalAuthorizationServer denying(boolean deny) {
        this.deny = deny;
        return this;
    }

    /** The authorization endpoint shows a consent page with Allow and Deny, as a real one does, instead of answering. */
    public LocalAuthorizationServer interactive(boolean interactive) {
        this.interactive = interactive;
        return this;
    }

    /** Each refresh gives a new refresh token and revokes the one used (as Microsoft may). */
    public LocalAuthorizationServer rotating(boolean rotate) {
        this.rotate = rotate;
        return this;
    }

    public LocalAuthorizationServer accessLifetime(Duration lifetime) {
        this.accessLifetime = lifetime;
        return this;
    }

    /** How long a refresh takes to answer: a window in which two instances would both refresh, were they let. */
    public LocalAuthorizationServer refreshDelay(Duration delay) {
        this.refreshDelay = delay;
        return this;
    }

    /** The token endpoint answers 503, as an outage would. */
    public LocalAuthorizationServer tokenEndpointDown(boolean down) {
        this.tokenEndpointDown = down;
        return this;
    }

    /** The account's owner revokes every grant they gave (the security page of their account, a password change). */
    public void revokeGrantsOf(String account) {
        refreshTokens.values().removeIf(grant -> grant.account().equals(account));
        accessTokens.values().removeIf(access -> access.grant().account().equals(account));
    }

    /** Every access token stops working now (their refresh tokens still work), as if they had expired. */
    public void expireAccessTokens() {
        accessTokens.clear();
    }

    public int refreshes() {
        return refreshes.get();
    }

    public int codeExchanges() {
        return codeExchanges.get();
    }

    /** Whether the refresh token is one this server would still take. */
    public boolean knowsRefreshToken(String token) {
        return refreshTokens.containsKey(token);
    }

    public boolean accessTokenActive(String token) {
        Access access = accessTokens.get(token);
        return access != null && Instant.now().isBefore(access.expiresAt());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().split("/");
            String endpoint = path.length == 3 ? path[2] : "";
            switch (endpoint) {
                case "authorize" -> authorize(exchange, query(exchange));
                case "consent" -> consent(exchange, query(exchange));
                case "token" -> token(exchange, form(exchange));
                case "introspect" -> introspect(exchange, form(exchange));
                case "revoke" -> revoke(exchange, form(exchange));
                default -> send(exchange, 404, "text/plain", "unknown endpoint");
            }
        }
    }

    /** RFC 6749 §4.1.1: checks the request, then answers for the signed-in account (or shows the consent page). */
    private void authorize(HttpExchange exchange, Map<String, String> q) throws IOException {
        if (!CLIENT_ID.equals(q.get("client_id"))) {
            send(exchange, 400, "text/plain", "unknown client_id: no redirect to an unverified redirect_uri");
            return;
        }
        String redirect = q.get("redirect_uri");
        if (redirect == null || !redirect.endsWith("/oauth/callback")) {
            send(exchange, 400, "text/plain", "redirect_uri mismatch");
            return;
        }
        if (!"code".equals(q.get("response_type"))
                || q.get("code_challenge") == null
                || !"S256".equals(q.get("code_challenge_method"))) {
            redirect(exchange, redirect, Map.of("error", "invalid_request", "state", q.getOrDefault("state", "")));
            return;
        }
        if (interactive) {
            send(exchange, 200, "text/html", consentPage(q));
            return;
        }
        answer(exchange, q, !deny);
    }

    private void consent(HttpExchange exchange, Map<String, String> q) throws IOException {
        answer(exchange, q, "allow".equals(q.get("decision")));
    }

    private void answer(HttpExchange exchange, Map<String, String> q, boolean allowed) throws IOException {
        Map<String, String> answer = new LinkedHashMap<>();
        if (allowed) {
            String code = random();
            codes.put(
                    code,
                    new Code(
                            new Grant(account, q.get("client_id"), q.get("scope")),
                            q.get("redirect_uri"),
                            q.get("code_challenge"),
                            Instant.now().plusSeconds(60)));
            answer.put("code", code);
        } else {
            answer.put("error", "access_denied");
        }
        answer.put("state", q.getOrDefault("state", ""));
        redirect(exchange, q.get("redirect_uri"), answer);
    }

    private String consentPage(Map<String, String> q) {
        StringBuilder hidden = new StringBuilder();
        q.forEach((k, v) -> hidden.append("<input type=\"hidden\" name=\"")
                .append(html(k))
                .append("\" value=\"")
                .append(html(v))
                .append("\">"));
        return "<!DOCTYPE html><html><head><title>Sign in</title></head><body><h1>Allow Perfectwork Mail to use "
                + html(account) + "?</h1><form method=\"get\" action=\"consent\">" + hidden
                + "<button id=\"allow\" name=\"decision\" value=\"allow\">Allow</button>"
                + "<button id=\"deny\" name=\"decision\" value=\"deny\">Deny</button></form></body></html>";
    }

    /** RFC 6749 §4.1.3 and §6, with the client authenticated (§2.3.1) and PKCE checked. */
    private void token(HttpExchange exchange, Map<String, String> form) throws IOException {
        if (tokenEndpointDown) {
            send(exchange, 503, "text/plain", "service unavailable");
            return;
        }
        if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            error(exchange, 401, "invalid_client", "The OAuth client was not found or its secret is wrong.");
            return;
        }
        switch (form.getOrDefault("grant_type", "")) {
            case "authorization_code" -> exchangeCode(exchange, form);
            case "refresh_token" -> refresh(exchange, form);
            default -> error(exchange, 400, "unsupported_grant_type", form.get("grant_type"));
        }
    }

    private void exchangeCode(HttpExchange exchange, Map<String, String> form) throws IOException {
        Code code = codes.remove(form.getOrDefault("code", ""));
        if (code == null || Instant.now().isAfter(code.expiresAt())) {
            error(exchange, 400, "invalid_grant", "Malformed auth code.");
            return;
        }
        if (!code.redirectUri().equals(form.get("redirect_uri"))) {
            error(exchange, 400, "invalid_grant", "redirect_uri does not match the authorization request");
            return;
        }
        String verifier = form.get("code_verifier");
        if (verifier == null || !s256(verifier).equals(code.challenge())) {
            error(exchange, 400, "invalid_grant", "code_verifier does not match the code_challenge (PKCE)");
            return;
        }
        codeExchanges.incrementAndGet();
        String refresh = random();
        refreshTokens.put(refresh, code.grant());
        sendTokens(exchange, code.grant(), refresh);
    }

    private void refresh(HttpExchange exchange, Map<String, String> form) throws IOException {
        pause(refreshDelay);
        String used = form.getOrDefault("refresh_token", "");
        Grant grant = rotate ? refreshTokens.remove(used) : refreshTokens.get(used);
        if (grant == null) {
            error(exchange, 400, "invalid_grant", "Token has been expired or revoked.");
            return;
        }
        refreshes.incrementAndGet();
        String rotated = null;
        if (rotate) {
            rotated = random();
            refreshTokens.put(rotated, grant);
        }
        sendTokens(exchange, grant, rotated);
    }

    private void sendTokens(HttpExchange exchange, Grant grant, String refreshToken) throws IOException {
        String access = random();
        accessTokens.put(access, new Access(grant, Instant.now().plus(accessLifetime)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", access);
        body.put("token_type", "Bearer");
        body.put("expires_in", accessLifetime.toSeconds());
        body.put("scope", grant.scope());
        if (refreshToken != null) {
            body.put("refresh_token", refreshToken);
        }
        send(exchange, 200, "application/json", JSON.writeValueAsString(body));
    }

    /** RFC 7662: for a resource server that authenticates; an unknown, revoked or expired token is inactive. */
    private void introspect(HttpExchange exchange, Map<String, String> form) throws IOException {
        String expected = "Basic "
                + Base64.getEncoder()
                        .encodeToString(
                                (INTROSPECTION_USER + ":" + INTROSPECTION_PASSWORD).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            error(exchange, 401, "invalid_client", "introspection needs the resource server's credentials");
            return;
        }
        String token = form.getOrDefault("token", "");
        Access access = accessTokens.get(token);
        Map<String, Object> body = new LinkedHashMap<>();
        if (access == null || Instant.now().isAfter(access.expiresAt())) {
            body.put("active", false);
        } else {
            body.put("active", true);
            body.put("sub", access.grant().account());
            body.put("email", access.grant().account());
            body.put("username", access.grant().account());
            body.put("client_id", access.grant().clientId());
            body.put("scope", access.grant().scope());
            body.put("exp", access.expiresAt().getEpochSecond());
        }
        send(exchange, 200, "application/json", JSON.writeValueAsString(body));
    }

    /** RFC 7009: a refresh token revoked takes its grant's access tokens with it. */
    private void revoke(HttpExchange exchange, Map<String, String> form) throws IOException {
        String token = form.getOrDefault("token", "");
        Grant grant = refreshTokens.remove(token);
        if (grant != null) {
            accessTokens.values().removeIf(access -> access.grant().equals(grant));
        } else {
            accessTokens.remove(token);
        }
        send(exchange, 200, "text/plain", "");
    }

    private static void error(HttpExchange exchange, int status, String error, String description) throws IOException {
        send(
                exchange,
                status,
                "application/json",
                JSON.writeValueAsString(Map.of("error", error, "error_description", description)));
    }

    private static void redirect(HttpExchange exchange, String to, Map<String, String> params) throws IOException {
        List<String> query = new ArrayList<>();
        params.forEach((k, v) -> query.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        exchange.getResponseHeaders().set("Location", to + (to.contains("?") ? "&" : "?") + String.join("&", query));
        exchange.sendResponseHeaders(302, -1);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        return parse(exchange.getRequestURI().getRawQuery());
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        // client_secret_basic (RFC 6749 §2.3.1) is as good as the secret in the body
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.startsWith("Basic ") && !form.containsKey("client_id")) {
            String[] pair = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8)
                    .split(":", 2);
            form.put("client_id", URLDecoder.decode(pair[0], StandardCharsets.UTF_8));
            form.put("client_secret", URLDecoder.decode(pair[1], StandardCharsets.UTF_8));
        }
        return form;
    }

    private static Map<String, String> parse(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.put(key, value);
        }
        return values;
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String html(String text) {
        return text == null
                ? ""
                : text.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }

    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Forgets every code, token and setting: each test class starts from a server as new. */
    public void reset() {
        codes.clear();
        refreshTokens.clear();
        accessTokens.clear();
        refreshes.set(0);
        codeExchanges.set(0);
        account = "sales@mycompany.example";
        deny = false;
        interactive = false;
        rotate = false;
        tokenEndpointDown = false;
        accessLifetime = Duration.ofHours(1);
        refreshDelay = Duration.ZERO;
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
