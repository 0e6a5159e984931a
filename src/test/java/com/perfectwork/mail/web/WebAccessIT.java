package com.perfectwork.mail.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.OutgoingFixture;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The pages' security over plain HTTP: form sign-in, sessions, CSRF, the admin-only pages, the error pages. */
@ApiTest
class WebAccessIT {

    static final List<String> ADMIN_PAGES = List.of(
            "/web/settings",
            "/web/settings/outgoing-servers",
            "/web/settings/outgoing-servers/new",
            "/web/settings/incoming-servers",
            "/web/settings/incoming-servers/new",
            "/web/settings/dkim-keys",
            "/web/settings/dns-check",
            "/web/technical",
            "/web/technical/parameters",
            "/web/technical/scheduled-actions",
            "/web/technical/aliases",
            "/web/technical/emails",
            "/web/technical/incoming-log",
            "/web/technical/blacklist",
            "/web/dashboard");

    @LocalServerPort
    int port;

    ApiClient admin;
    OutgoingFixture fixture;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        fixture = new OutgoingFixture(admin).noServers();
    }

    @AfterEach
    void tearDown() {
        fixture.noServers();
    }

    @Test
    void anAnonymousVisitorIsSentToTheLoginPage() {
        FormSession anonymous = new FormSession(port);
        for (String page : ADMIN_PAGES) {
            FormSession.Page answer = anonymous.get(page);
            assertThat(answer.status()).as(page).isEqualTo(302);
            assertThat(answer.location()).as(page).endsWith("/web/login");
        }
        FormSession.Page login = anonymous.get("/web/login");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body()).contains("<label for=\"username\">", "<label for=\"password\">");
    }

    /**
     * The thread's poll after the session ended (a restart, a log out in another tab): htmx is told to open the
     * login page as a whole page, instead of following a redirect and putting the login form in the thread.
     */
    @Test
    void aPartOfAPageAskedForByHtmxWithoutASessionOpensTheLoginPageWhole() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest poll = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/web/records/crm.lead/1/thread"))
                .header("HX-Request", "true")
                .GET()
                .build();

        java.net.http.HttpResponse<String> answer = http.send(poll, java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("HX-Redirect")).hasValue("/web/login");
        assertThat(answer.body()).doesNotContain("<form");
        // a browser's own request still gets the redirect
        assertThat(new FormSession(port).get("/web/records/crm.lead/1/thread").status())
                .isEqualTo(302);
    }

    @Test
    void aUserWithoutTheAdminRoleIsRefusedEverySettingsPage() {
        FormSession user = new FormSession(port);
        FormSession.Page signedIn = user.login(WebUsers.plainUser(admin), WebUsers.USER_PASSWORD);
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.location()).endsWith("/web");
        assertThat(user.get("/web").status()).isEqualTo(200);
        for (String page : ADMIN_PAGES) {
            FormSession.Page answer = user.get(page);
            assertThat(answer.status()).as(page).isEqualTo(403);
            assertThat(answer.body()).as(page).contains("Access denied").doesNotContain("Exception");
        }
        FormSession.Page post = user.post("/web/settings", Map.of("aliasDomain", "evil.example"));
        assertThat(post.status()).isEqualTo(403);
    }

    @Test
    void loggingOutEndsTheSession() {
        FormSession session = new FormSession(port);
        session.login("admin", ApiTest.ADMIN_PASSWORD);
        assertThat(session.get("/web/settings").status()).isEqualTo(200);

        FormSession.Page loggedOut = session.post("/web/logout", Map.of());
        assertThat(loggedOut.status()).isEqualTo(302);
        assertThat(loggedOut.location()).endsWith("/web/login?logout");
        assertThat(session.get("/web/settings").status()).isEqualTo(302);
    }

    @Test
    void aWrongPasswordShowsTheLoginPageAgain() {
        FormSession visitor = new FormSession(port);
        FormSession.Page answer = visitor.login("admin", "not-the-password");
        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.location()).endsWith("/web/login?error");
        assertThat(visitor.get("/web/login?error").body()).contains("Wrong login or password");
    }

    /** The login throttle on the form: each browser at its own address, named in {@code X-Forwarded-For}. */
    @Test
    void theSixthWrongPasswordOnTheFormIsAnswered429WithTheLoginPageSayingToWait() {
        String login = WebUsers.plainUser(admin);
        FormSession guesser = new FormSession(port, "203.0.113.20");
        for (int i = 0; i < 5; i++) {
            assertThat(guesser.login(login, "wrong-password").location()).endsWith("/web/login?error");
        }

        FormSession.Page refused = guesser.login(login, "wrong-password");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 30));
        assertThat(refused.body()).contains("Too many failed logins", "<label for=\"password\">");
        assertThat(guesser.login(login, WebUsers.USER_PASSWORD).status()).isEqualTo(429);

        FormSession owner = new FormSession(port, "198.51.100.20");
        FormSession.Page signedIn = owner.login(login, WebUsers.USER_PASSWORD);
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.location()).endsWith("/web");
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefused() {
        FormSession session = new FormSession(port);
        session.login("admin", ApiTest.ADMIN_PASSWORD);
        FormSession.Page answer = session.postRaw("/web/settings", Map.of("aliasDomain", "no-token.example"), Map.of());
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).contains("Access denied");
    }

    @Test
    void testConnectionWorksAsAPlainFormPostWithoutJavaScript() throws IOException {
        long id = fixture.server("Nowhere", closedPort(), null, 10, Map.of());
        FormSession session = new FormSession(port);
        session.login("admin", ApiTest.ADMIN_PASSWORD);
        String page = "/web/settings/outgoing-servers/" + id;
        session.get(page);

        FormSession.Page answer = session.post(page + "/test", Map.of());
        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.location()).endsWith(page);
        assertThat(session.get(page).body()).contains("Could not connect to 127.0.0.1");

        session.get(page);
        FormSession.Page inPlace =
                session.postRaw(page + "/test", Map.of("_csrf", csrfOf(session, page)), Map.of("HX-Request", "true"));
        assertThat(inPlace.status()).isEqualTo(200);
        assertThat(inPlace.body()).contains("Could not connect").doesNotContain("<html");
    }

    @Test
    void anUnknownPageOrServerIsAFriendlyNotFound() {
        FormSession session = new FormSession(port);
        session.login("admin", ApiTest.ADMIN_PASSWORD);
        for (String path : List.of("/web/no-such-page", "/web/settings/outgoing-servers/987654321")) {
            FormSession.Page answer = session.get(path);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.body()).as(path).contains("Page not found").doesNotContain("Exception");
        }
    }

    @Test
    void theApiStaysStatelessBesideThePages() {
        ApiClient.Response records = admin.get("/api/records");
        assertThat(records.status()).isEqualTo(200);
        assertThat(records.raw().headers().allValues("Set-Cookie")).isEmpty();
        assertThat(ApiClient.anonymous(port).get("/api/records").status()).isEqualTo(401);
    }

    /**
     * The pages' session cookie opens no API resource, so a form of another site that the browser sends with it (were
     * the cookie's SameSite to let it) triggers nothing, not even an action that takes no body.
     */
    @Test
    void aSignedInSessionDoesNotOpenTheApi() {
        FormSession session = new FormSession(port);
        session.login("admin", ApiTest.ADMIN_PASSWORD);
        assertThat(session.get("/web/settings").status()).isEqualTo(200);

        assertThat(session.get("/api/records").status()).isEqualTo(401);
        assertThat(session.postRaw("/api/mail-queue/process", Map.of(), Map.of())
                        .status())
                .isEqualTo(401);
    }

    private static String csrfOf(FormSession session, String page) {
        String body = session.get(page).body();
        return org.jsoup.Jsoup.parse(body).selectFirst("input[name=_csrf]").attr("value");
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
