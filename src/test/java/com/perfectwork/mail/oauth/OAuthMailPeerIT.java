package com.perfectwork.mail.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.MovableClock;
import com.perfectwork.mail.peers.InstalledPeers;
import com.perfectwork.mail.peers.PrivateDovecot;
import com.perfectwork.mail.peers.PrivatePostfix;
import com.perfectwork.mail.settings.Secrets;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * OAuth2 sign-in against real mail servers that check the tokens: Postfix (submission, its SASL by Dovecot) and
 * Dovecot (IMAP, POP3), whose {@code oauth2} passdb asks the local authorization server's introspection endpoint
 * whether each token is active and whose. Sending and fetching sign in with XOAUTH2; an access token that expired
 * (by the server's clock, or early on the provider's side) is refreshed, a rotated refresh token replaces the old one,
 * and a revoked account makes the server "reconnect needed": its mails wait, its fetching stops, until an
 * administrator connects it again.
 */
@OAuthApiTest
class OAuthMailPeerIT {

    private static final List<String> FOLLOWERS = List.of("alice", "bob", "carol");

    @TempDir
    static Path dir;

    static PrivateDovecot dovecot;
    static PrivatePostfix postfix;

    @LocalServerPort
    int port;

    @Autowired
    MovableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Secrets secrets;

    final LocalAuthorizationServer provider = LocalAuthorizationServer.shared();
    final Map<Long, String> followers = new java.util.HashMap<>();
    ApiClient api;

    @BeforeAll
    static void mailServers() throws Exception {
        InstalledPeers.assume("postfix", "postmap", "postconf", "dovecot", "doveadm", "openssl");
        String introspection = LocalAuthorizationServer.shared().introspectionUrlWithCredentials("google");
        dovecot = PrivateDovecot.checkingTokens(Files.createDirectories(dir.resolve("dovecot")), introspection)
                .start();
        postfix = PrivatePostfix.checkingTokens(
                Files.createDirectories(dir.resolve("postfix")), FOLLOWERS, introspection);
    }

    @AfterAll
    static void stop() throws Exception {
        if (dovecot != null) {
            dovecot.close();
        }
        if (postfix != null) {
            postfix.close();
        }
    }

    @BeforeEach
    void applications() {
        provider.reset();
        api = ApiClient.admin(port);
        OAuthFixtures.registerApplications(api);
        api.put("/api/config-parameters/mail.catchall.domain", Map.of("value", "mycompany.example"));
        api.post("/api/aliases", Map.of("name", "tickets", "model", "helpdesk.ticket")); // 409 once it exists
        // each test's mails go through its own server, not through one another test left first by priority
        api.get("/api/mail-servers").json().forEach(server -> api.delete("/api/mail-servers/" + server.get("id")));
    }

    @Test
    void mailGoesThroughPostfixSignedInWithXoauth2AndTheTokenIsRefreshedAndRotated() throws Exception {
        String account = "sales@mycompany.example";
        long server = OAuthFixtures.outgoingServer(api, "google", account, postfix.port());
        connect("/api/mail-servers/" + server, account);
        JsonNode test =
                api.post("/api/mail-servers/" + server + "/test", Map.of()).json();
        assertThat(test.get("ok").asBoolean()).as(test.toString()).isTrue();

        long record = record("OAuth2 sending", "alice");
        sendAndExpectDelivered(record, "signed in with XOAUTH2", 1);
        assertThat(postfix.logText()).contains("sasl_method=XOAUTH2, sasl_username=" + account);
        assertThat(provider.refreshes()).isZero();

        // near its expiry by the server's clock: refreshed before it is used
        clock.advance(Duration.ofMinutes(56));
        sendAndExpectDelivered(record, "after the token's hour", 2);
        assertThat(provider.refreshes()).isEqualTo(1);

        // refused early (the provider's side ended it): refreshed once, and the mail goes
        provider.expireAccessTokens();
        sendAndExpectDelivered(record, "after the server refused the token", 3);
        assertThat(provider.refreshes()).isEqualTo(2);

        // rotation: the provider answers a refresh with a new refresh token and revokes the one used
        provider.rotating(true);
        String before = storedRefreshToken("outgoing", server);
        provider.expireAccessTokens();
        sendAndExpectDelivered(record, "with a rotated refresh token", 4);
        String rotated = storedRefreshToken("outgoing", server);
        assertThat(rotated).isNotEqualTo(before);
        assertThat(provider.knowsRefreshToken(before)).isFalse();
        assertThat(provider.knowsRefreshToken(rotated)).isTrue();
        provider.expireAccessTokens();
        sendAndExpectDelivered(record, "refreshed with the rotated one", 5);
        assertThat(provider.refreshes()).isEqualTo(4);
        assertThat(api.get("/api/mail-servers/" + server)
                        .json()
                        .get("oauthConnected")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void aProviderOutageDefersTheMailsAndTheyGoAfterIt() throws Exception {
        String account = "outage@mycompany.example";
        long server = OAuthFixtures.outgoingServer(api, "google", account, postfix.port());
        connect("/api/mail-servers/" + server, account);
        long record = record("Provider outage", "bob");
        sendAndExpectDelivered(record, "before the outage", 1);

        // the server refuses the token and the provider cannot give another: a temporary failure, not a wrong login
        provider.expireAccessTokens();
        provider.tokenEndpointDown(true);
        clock.advance(Duration.ofSeconds(10));
        post(record, "during the outage");
        JsonNode processed = api.post("/api/mail-queue/process", Map.of()).json();
        assertThat(processed.get("deferred").asInt()).as(processed.toString()).isEqualTo(1);
        JsonNode deferred = waitingMail(record);
        assertThat(deferred.get("attempts").asInt()).isEqualTo(1);
        assertThat(deferred.get("failureReason").asString()).contains("token endpoint");
        assertThat(api.get("/api/mail-servers/" + server)
                        .json()
                        .get("oauthConnected")
                        .asBoolean())
                .isTrue();

        provider.tokenEndpointDown(false);
        clock.advance(Duration.ofMinutes(2));
        assertThat(api.post("/api/mail-queue/process", Map.of())
                        .json()
                        .get("sent")
                        .asInt())
                .isEqualTo(1);
        awaitMails("bob", 2);
    }

    @Test
    void imapAndPop3FetchSignedInWithXoauth2() {
        String imapUser = "support@mycompany.example";
        long imap = OAuthFixtures.incomingServer(api, "microsoft", "imap", imapUser, dovecot.imaps);
        connect("/api/incoming-servers/" + imap, imapUser);
        confirm(imap);
        for (int i = 0; i < 3; i++) {
            dovecot.deliver(imapUser, mail("IMAP ticket " + i, "imap-" + i));
        }
        assertThat(fetch(imap)).isEqualTo(3);
        assertThat(dovecot.count(imapUser, "SEEN")).isEqualTo(3);
        assertThat(Files.exists(dovecot.log())).isTrue();

        provider.expireAccessTokens();
        dovecot.deliver(imapUser, mail("IMAP ticket after expiry", "imap-expired"));
        assertThat(fetch(imap)).isEqualTo(1);
        assertThat(provider.refreshes()).isEqualTo(1);

        String popUser = "jobs@mycompany.example";
        long pop = OAuthFixtures.incomingServer(api, "google", "pop3", popUser, dovecot.pop3s);
        connect("/api/incoming-servers/" + pop, popUser);
        confirm(pop);
        for (int i = 0; i < 2; i++) {
            dovecot.deliver(popUser, mail("POP3 ticket " + i, "pop-" + i));
        }
        assertThat(fetch(pop)).isEqualTo(2);
        assertThat(dovecot.count(popUser, "ALL"))
                .as("POP3 deleted what was fetched")
                .isZero();
    }

    @Test
    void idleHoldsAnXoauth2ConnectionAndTheDeliveredMailIsFetched() throws Exception {
        String user = "push@mycompany.example";
        long imap = OAuthFixtures.incomingServer(api, "google", "imap", user, dovecot.imaps);
        connect("/api/incoming-servers/" + imap, user);
        confirm(imap);
        String login = "user=<" + user + ">, method=XOAUTH2";
        long before = logins(login);
        assertThat(api.put("/api/incoming-servers/" + imap, Map.of("idle", true))
                        .status())
                .isEqualTo(200);
        // push starts once the server wants it: give it the time to sign in and select the folder
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> logins(login) > before);
        Thread.sleep(1000);

        dovecot.deliver(user, mail("Pushed ticket", "pushed"));
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> dovecot.count(user, "SEEN") == 1);
        api.put("/api/incoming-servers/" + imap, Map.of("idle", false));
    }

    @Test
    void aRevokedAccountWaitsForReconnectionAndNothingIsLost() throws Exception {
        String sender = "revoked@mycompany.example";
        long server = OAuthFixtures.outgoingServer(api, "google", sender, postfix.port());
        connect("/api/mail-servers/" + server, sender);
        String mailbox = "inbox-revoked@mycompany.example";
        long incoming = OAuthFixtures.incomingServer(api, "google", "imap", mailbox, dovecot.imaps);
        connect("/api/incoming-servers/" + incoming, mailbox);
        confirm(incoming);
        long record = record("Revoked account", "carol");
        sendAndExpectDelivered(record, "before the revocation", 1);

        provider.revokeGrantsOf(sender);
        provider.revokeGrantsOf(mailbox);
        clock.advance(Duration.ofSeconds(10)); // the connection kept from the last pass signed in before: closed
        post(record, "while the account is revoked");
        for (int pass = 0; pass < 2; pass++) {
            api.post("/api/mail-queue/process", Map.of());
            clock.advance(Duration.ofMinutes(2));
        }
        JsonNode waiting = waitingMail(record);
        assertThat(waiting.get("state").asString()).isEqualTo("outgoing");
        assertThat(waiting.get("attempts").asInt())
                .as("waiting counts no attempt")
                .isZero();
        assertThat(waiting.get("failureReason").asString()).contains("reconnect needed");
        JsonNode shown = api.get("/api/mail-servers/" + server).json();
        assertThat(shown.get("oauthConnected").asBoolean()).isFalse();
        assertThat(shown.get("oauthError").asString())
                .contains("reconnect needed")
                .contains("invalid_grant");

        dovecot.deliver(mailbox, mail("While revoked", "while-revoked"));
        api.post("/api/incoming-servers/" + incoming + "/fetch", Map.of());
        JsonNode inbox = api.get("/api/incoming-servers/" + incoming).json();
        assertThat(inbox.get("lastError").asString()).contains("reconnect needed");
        assertThat(inbox.get("oauthError").asString()).contains("reconnect needed");
        assertThat(inbox.get("state").asString()).isEqualTo("confirmed");
        assertThat(dovecot.count(mailbox, "UNSEEN")).as("left in the mailbox").isEqualTo(1);

        // both on the dashboard, with the way to connect them
        AdminBrowser.Page dashboard = signedIn().get("/web/dashboard");
        String serverName =
                api.get("/api/mail-servers/" + server).json().get("name").asString();
        String mailboxName =
                api.get("/api/incoming-servers/" + incoming).json().get("name").asString();
        assertThat(dashboard.text("sign-in-alerts"))
                .contains("Outgoing server " + serverName + ": reconnect needed")
                .contains("Incoming server " + mailboxName + ": reconnect needed")
                .contains("Connect your Gmail account");

        // connected again: the waiting mail is due at once (the queue is woken, no need to wait for its minute)
        connect("/api/mail-servers/" + server, sender);
        api.post("/api/mail-queue/process", Map.of());
        awaitMails("carol", 2);
        assertThat(api.get("/api/mail-queue?state=outgoing").json().size()).isZero();
        assertThat(postfix.mails("carol").get(1)).contains("while the account is revoked");
        connect("/api/incoming-servers/" + incoming, mailbox);
        assertThat(fetch(incoming)).isEqualTo(1);
        assertThat(api.get("/api/incoming-servers/" + incoming)
                        .json()
                        .get("lastError")
                        .isNull())
                .isTrue();
        assertThat(signedIn().get("/web/dashboard").body())
                .as("connected again: no longer on the dashboard")
                .doesNotContain(serverName)
                .doesNotContain(mailboxName);
    }

    /** How many times Dovecot logged this sign-in. */
    private static long logins(String login) throws java.io.IOException {
        return Files.readString(dovecot.log())
                .lines()
                .filter(line -> line.contains(login))
                .count();
    }

    private void connect(String server, String account) {
        OAuthFixtures.connect(api, port, server, account);
    }

    private AdminBrowser signedIn() {
        return new AdminBrowser(URI.create("http://127.0.0.1:" + port)).login("admin", ApiTest.ADMIN_PASSWORD);
    }

    private void confirm(long incoming) {
        JsonNode test = api.post("/api/incoming-servers/" + incoming + "/test", Map.of())
                .json();
        assertThat(test.get("ok").asBoolean()).as(test.toString()).isTrue();
    }

    private int fetch(long incoming) {
        JsonNode report = api.post("/api/incoming-servers/" + incoming + "/fetch", Map.of())
                .json();
        JsonNode server = api.get("/api/incoming-servers/" + incoming).json();
        assertThat(server.get("lastError").isNull()).as(server.toString()).isTrue();
        return report.get("processed").asInt();
    }

    /** A record followed by one of Postfix's mailboxes, which receives its comments. */
    private long record(String name, String follower) {
        long record = api.post("/api/records", Map.of("model", "crm.lead", "name", name))
                .id();
        assertThat(api.post(
                                "/api/records/" + record + "/followers",
                                Map.of("name", follower, "email", follower + "@" + PrivatePostfix.FOLLOWERS_DOMAIN))
                        .status())
                .isEqualTo(201);
        followers.put(record, follower);
        return record;
    }

    private void post(long record, String text) {
        assertThat(api.post(
                                "/api/records/" + record + "/messages",
                                Map.of("body", "<p>" + text + "</p>", "type", "comment"))
                        .status())
                .isEqualTo(201);
    }

    /** Posts, runs the queue, and waits for alice's Maildir to hold {@code total} mails, the last with the text. */
    private void sendAndExpectDelivered(long record, String text, int total) throws Exception {
        // past the time a connection is kept for the next pass: each mail signs in anew
        clock.advance(Duration.ofSeconds(10));
        post(record, text);
        JsonNode processed = api.post("/api/mail-queue/process", Map.of()).json();
        assertThat(processed.get("sent").asInt())
                .as(processed + "\n" + api.get("/api/mail-queue?state=outgoing").body())
                .isEqualTo(1);
        String follower = followers.get(record);
        awaitMails(follower, total);
        assertThat(postfix.mails(follower).stream().anyMatch(m -> m.contains(text)))
                .isTrue();
    }

    private void awaitMails(String follower, int total) {
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> postfix.mails(follower).size() >= total);
        assertThat(postfix.mails(follower)).hasSize(total);
    }

    private JsonNode waitingMail(long record) {
        for (JsonNode mail : api.get("/api/mail-queue?state=outgoing").json()) {
            if (mail.get("emailTo").asString().contains(followers.get(record) + "@")) {
                return mail;
            }
        }
        throw new AssertionError(
                "no waiting mail: " + api.get("/api/mail-queue").body());
    }

    /** The server's refresh token as stored, decrypted. */
    private String storedRefreshToken(String kind, long id) {
        return secrets.decrypt(jdbc.sql(
                        "SELECT refresh_token_encrypted FROM oauth_connections WHERE server_kind = ? AND server_id = ?")
                .params(kind, id)
                .query(String.class)
                .single());
    }

    private static String mail(String subject, String id) {
        return "From: customer@customer.example\r\nTo: tickets@mycompany.example\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + id + "-" + System.nanoTime() + "@customer.example>\r\n"
                + "Date: Thu, 3 Dec 2026 10:00:00 +0000\r\n\r\nHello, about " + subject + ".\r\n";
    }
}
