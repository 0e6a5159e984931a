package com.perfectwork.mail.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.OutgoingFixture;
import com.perfectwork.mail.ScriptedSmtpServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Records and their chatter over plain HTTP: who may open what, New, the composer, followers, the red envelope. */
@ApiTest
class RecordPagesIT {

    /** A one-pixel PNG, for the image preview. */
    static final byte[] PIXEL = Base64.getDecoder()
            .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    @LocalServerPort
    int port;

    ApiClient admin;
    OutgoingFixture fixture;
    ScriptedSmtpServer scripted;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        fixture = new OutgoingFixture(admin).noServers();
    }

    @AfterEach
    void tearDown() {
        fixture.noServers();
        if (scripted != null) {
            scripted.close();
        }
    }

    @Test
    void aUserOpensOnlyTheRecordsTheyFollowAndAnAdministratorOpensThemAll() {
        String name = unique("Lead");
        long record = fixture.record(name);
        String page = "/web/records/crm.lead/" + record;
        assertThat(new FormSession(port).get(page).location()).endsWith("/web/login");
        String login = WebUsers.plainUser(admin);
        FormSession user = new FormSession(port);
        user.login(login, WebUsers.USER_PASSWORD);

        FormSession.Page refused = user.get(page);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body())
                .contains("Access denied", "records you follow")
                .doesNotContain("Exception");
        assertThat(user.get(page + "/thread").status()).isEqualTo(403);
        assertThat(user.get("/web/records/crm.lead").body()).doesNotContain(name);
        user.get("/web/records");
        assertThat(user.post(page + "/followers", Map.of("email", "intruder@example.com"))
                        .status())
                .isEqualTo(403);
        assertThat(followerEmails(record)).doesNotContain("intruder@example.com");

        admin.post("/api/records/" + record + "/followers", Map.of("partnerId", partnerOf(login)));
        FormSession.Page opened = user.get(page);
        assertThat(opened.status()).isEqualTo(200);
        assertThat(Jsoup.parse(opened.body()).getElementById("record-title").text())
                .isEqualTo(name);
        assertThat(user.get("/web/records/crm.lead").body()).contains(name);
        assertThat(user.get("/web/records").body()).contains("crm.lead", "menu-records");

        FormSession administrator = new FormSession(port);
        administrator.login("admin", ApiTest.ADMIN_PASSWORD);
        assertThat(administrator.get(page).status()).isEqualTo(200);
        assertThat(administrator.get("/web/records/sale.order/" + record).status())
                .as("a record under another model's address")
                .isEqualTo(404);
    }

    @Test
    void newCreatesTheRecordWhoseCreatorFollowsItAndTheSearchFindsIt() {
        String login = WebUsers.plainUser(admin);
        FormSession user = new FormSession(port);
        user.login(login, WebUsers.USER_PASSWORD);
        assertThat(user.get("/web/records/project.task/new").body()).contains("<label for=\"name\">Name</label>");

        FormSession.Page blank = user.post("/web/records/project.task", Map.of("name", " "));
        assertThat(blank.status()).isEqualTo(200);
        assertThat(Jsoup.parse(blank.body()).getElementById("name-error").text())
                .contains("required");

        String name = unique("Web task");
        FormSession.Page created = user.post("/web/records/project.task", Map.of("name", name));
        assertThat(created.status()).isEqualTo(302);
        String page = created.location().substring(created.location().indexOf("/web/"));
        assertThat(page).matches("/web/records/project\\.task/\\d+");
        assertThat(user.get(page).body()).contains("Created " + name + ".");
        long record = Long.parseLong(page.substring(page.lastIndexOf('/') + 1));
        assertThat(followerIds(record)).contains(partnerOf(login));

        assertThat(user.get("/web/records/project.task?search="
                                + name.substring(9).toUpperCase())
                        .body())
                .contains(name);
        assertThat(user.get("/web/records/project.task?search=no-such-100%25").body())
                .contains("empty-state")
                .doesNotContain(name);
        assertThat(user.get("/web/records?model=project.task").location()).endsWith("/web/records/project.task");
    }

    @Test
    void sendMessageMailsTheFollowersLogNoteNobodyAndTheThreadIsNewestFirst() {
        long record = fixture.record(unique("Composer"));
        String follower = fixture.follower(record, "Fiona", "customer.example")
                .get("email")
                .asString();
        String page = "/web/records/crm.lead/" + record;
        FormSession session = new FormSession(port);
        session.login("admin", ApiTest.ADMIN_PASSWORD);
        session.get(page);

        FormSession.Page sent = session.postMultipart(
                page + "/messages",
                Map.of("type", "comment", "body", "Hello <b>Fiona</b>,\r\nsee the plan.\r\n\r\nBest"),
                List.of(new FormSession.Upload("attachments", "plan.png", "image/png", PIXEL)));
        assertThat(sent.status()).isEqualTo(302);
        assertThat(session.get(page).body()).contains("Message sent to the followers.");
        session.postMultipart(page + "/messages", Map.of("type", "note", "body", "Internal only"), List.of());

        List<JsonNode> thread = admin.get("/api/records/" + record + "/messages")
                .json()
                .valueStream()
                .toList();
        assertThat(thread).hasSize(2);
        JsonNode comment = thread.get(0);
        assertThat(comment.get("type").asString()).isEqualTo("comment");
        assertThat(comment.get("body").asString())
                .isEqualTo("<p>Hello &lt;b&gt;Fiona&lt;/b&gt;,<br />see the plan.</p><p>Best</p>");
        assertThat(comment.get("notifications").get(0).get("email").asString()).isEqualTo(follower);
        assertThat(thread.get(1).get("type").asString()).isEqualTo("note");
        assertThat(thread.get(1).get("notifications").size()).isZero();

        Document shown = Jsoup.parse(session.get(page).body());
        List<String> order = shown.select("#thread article").eachAttr("id");
        assertThat(order)
                .containsExactly(
                        "message-" + thread.get(1).get("id").asLong(),
                        "message-" + comment.get("id").asLong());
        long attachment = comment.get("attachments").get(0).get("id").asLong();
        String preview = shown.selectFirst("#thread img.preview").attr("src");
        assertThat(preview).isEqualTo(page + "/attachments/" + attachment);
        FormSession.Page image = session.get(preview);
        assertThat(image.status()).isEqualTo(200);

        FormSession.Page empty =
                session.postMultipart(page + "/messages", Map.of("type", "comment", "body", " "), List.of());
        assertThat(empty.status()).isEqualTo(200);
        assertThat(Jsoup.parse(empty.body()).getElementById("body-error").text())
                .contains("needs a body");
    }

    @Test
    void followersAreAddedByEmailOrByNameAndRemoved() {
        long record = fixture.record(unique("Followers"));
        String page = "/web/records/crm.lead/" + record;
        FormSession session = new FormSession(port);
        session.login("admin", ApiTest.ADMIN_PASSWORD);
        session.get(page);

        String nora = unique("Nora");
        String email = "nora." + UUID.randomUUID().toString().substring(0, 8) + "@customer.example";
        assertThat(session.post(page + "/followers", Map.of("name", nora, "email", email))
                        .status())
                .isEqualTo(302);
        assertThat(session.get(page).body()).contains(nora + " now follows");
        assertThat(followerEmails(record)).contains(email);

        FormSession.Page wrong = session.post(page + "/followers", Map.of("name", "", "email", "not an address"));
        assertThat(wrong.status()).isEqualTo(200);
        Document wrongPage = Jsoup.parse(wrong.body());
        assertThat(wrongPage.getElementById("followerEmail-error").text()).isNotBlank();
        assertThat(wrongPage.getElementById("followerEmail").val()).isEqualTo("not an address");

        long other = fixture.record(unique("Other"));
        String otherPage = "/web/records/crm.lead/" + other;
        session.get(otherPage);
        assertThat(session.post(otherPage + "/followers", Map.of("name", nora.toUpperCase(), "email", ""))
                        .status())
                .isEqualTo(302);
        assertThat(followerEmails(other)).containsExactly(email);
        FormSession.Page unknown = session.post(otherPage + "/followers", Map.of("name", unique("Nobody")));
        assertThat(Jsoup.parse(unknown.body())
                        .getElementById("followerName-error")
                        .text())
                .contains("give their email");

        long partner = followerIds(other).get(0);
        session.get(otherPage);
        assertThat(session.post(otherPage + "/followers/" + partner + "/remove", Map.of())
                        .status())
                .isEqualTo(302);
        assertThat(session.get(otherPage).body()).contains(nora + " no longer follows");
        assertThat(followerIds(other)).isEmpty();
    }

    @Test
    void aReplyByEmailIsMarkedAndItsQuotedHistoryFoldedBehindTheToggle() {
        long record = fixture.catchallDomain("mycompany.example").record(unique("Reply"));
        String mary = fixture.follower(record, "Mary", "customer.example")
                .get("email")
                .asString();
        String header = fixture.post(record, fixture.author("Ann", "mycompany.example"), null, "<p>Ready?</p>")
                .get("messageId")
                .asString();
        byte[] reply = ("From: Mary Customer <" + mary + ">\r\nTo: catchall@mycompany.example\r\n"
                        + "Subject: Re: ready\r\nIn-Reply-To: " + header + "\r\n"
                        + "Message-ID: <" + UUID.randomUUID() + "@customer.example>\r\n\r\n"
                        + "Yes, all set.\r\n\r\nOn Monday, Ann wrote:\r\n> Ready?\r\n")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(admin.postBytes("/api/inbound", "message/rfc822", reply)
                        .json()
                        .get("outcome")
                        .asString())
                .isEqualTo("posted");

        FormSession session = new FormSession(port);
        session.login("admin", ApiTest.ADMIN_PASSWORD);
        Element newest = Jsoup.parse(
                        session.get("/web/records/crm.lead/" + record).body())
                .selectFirst("#thread article");
        assertThat(newest.selectFirst(".author").text()).isEqualTo("Mary");
        assertThat(newest.selectFirst(".badge").text()).isEqualTo("received by email");
        assertThat(newest.selectFirst(".stripped").text()).isEqualTo("Yes, all set.");
        assertThat(newest.selectFirst("details.quoted summary").text()).isEqualTo("…");
        assertThat(newest.selectFirst("details.quoted").text()).contains("Ann wrote");
    }

    @Test
    void thePolledThreadAnswersOnlyWhenSomethingChanged() {
        long record = fixture.record(unique("Polled"));
        String page = "/web/records/crm.lead/" + record;
        FormSession session = new FormSession(port);
        session.login("admin", ApiTest.ADMIN_PASSWORD);
        String poll =
                Jsoup.parse(session.get(page).body()).getElementById("thread").attr("hx-get");
        assertThat(poll).startsWith(page + "/thread?version=");

        assertThat(session.get(poll, Map.of("HX-Request", "true")).status()).isEqualTo(204);
        fixture.post(record, fixture.author("Paula", "mycompany.example"), null, "<p>Arrived meanwhile</p>");
        FormSession.Page changed = session.get(poll, Map.of("HX-Request", "true"));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body())
                .contains("Arrived meanwhile", "id=\"thread\"")
                .doesNotContain("<html");
    }

    @Test
    void aRefusedDeliveryShowsTheRedEnvelopeWithItsDetailsRetryAndCancel() {
        String refused = "gone." + UUID.randomUUID().toString().substring(0, 6) + "@customer.example";
        scripted = ScriptedSmtpServer.start().refuseRecipient(refused, 550, "5.1.1 No such user here");
        fixture.catchallDomain("mycompany.example").server("refusing", scripted.port(), null, 10, Map.of());
        long record = fixture.record(unique("Envelope"));
        admin.post("/api/records/" + record + "/followers", Map.of("name", "Gone", "email", refused));
        fixture.post(record, fixture.author("Ann", "mycompany.example"), null, "<p>Are you there?</p>");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> notificationStatus(record).equals("exception"));

        String page = "/web/records/crm.lead/" + record;
        FormSession session = new FormSession(port);
        session.login("admin", ApiTest.ADMIN_PASSWORD);
        Document shown = Jsoup.parse(session.get(page).body());
        assertThat(shown.selectFirst("details.envelope summary").text()).contains("Delivery failed");
        assertThat(shown.selectFirst(".failure-recipient").text()).contains(refused);
        assertThat(shown.selectFirst(".failure-type").text()).isNotBlank();
        assertThat(shown.selectFirst(".failure-reason").text()).contains("550");
        String retry = shown.selectFirst("form:has(button.retry)").attr("action");
        String cancel = shown.selectFirst("form:has(button.cancel)").attr("action");

        String other = WebUsers.plainUser(admin);
        FormSession stranger = new FormSession(port);
        stranger.login(other, WebUsers.USER_PASSWORD);
        stranger.get("/web/records");
        assertThat(stranger.post(cancel, Map.of()).status()).isEqualTo(403);

        long mail = fixture.mailTo(refused).get("id").asLong();
        String scheduledBefore = fixture.mailTo(refused).get("scheduledAt").asString();
        assertThat(session.post(retry, Map.of()).status()).isEqualTo(302);
        assertThat(session.get(page).body()).contains("Sending again to");
        // queued again (due now), refused again by the same server
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            JsonNode again = fixture.mailTo(refused);
            return !again.get("scheduledAt").asString().equals(scheduledBefore)
                    && again.get("state").asString().equals("exception")
                    && notificationStatus(record).equals("exception");
        });

        session.get(page);
        assertThat(session.post(cancel, Map.of()).status()).isEqualTo(302);
        assertThat(notificationStatus(record)).isEqualTo("canceled");
        assertThat(admin.get("/api/mail-queue/" + mail).json().get("state").asString())
                .isEqualTo("cancel");
        assertThat(Jsoup.parse(session.get(page).body()).select("details.envelope"))
                .isEmpty();
    }

    private String notificationStatus(long record) {
        return admin.get("/api/records/" + record + "/messages")
                .json()
                .get(0)
                .get("notifications")
                .get(0)
                .get("status")
                .asString();
    }

    private long partnerOf(String login) {
        return admin.get("/api/users")
                .json()
                .valueStream()
                .filter(u -> u.get("login").asString().equals(login))
                .findFirst()
                .orElseThrow()
                .get("partnerId")
                .asLong();
    }

    private List<String> followerEmails(long record) {
        return admin.get("/api/records/" + record + "/followers")
                .json()
                .valueStream()
                .map(f -> f.get("email").asString())
                .toList();
    }

    private List<Long> followerIds(long record) {
        return admin.get("/api/records/" + record + "/followers")
                .json()
                .valueStream()
                .map(f -> f.get("partnerId").asLong())
                .toList();
    }

    private static String unique(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 8);
    }
}
