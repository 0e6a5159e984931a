package com.perfectwork.mail.mailing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.OutgoingFixture;
import com.perfectwork.mail.ReceivedMail;
import com.perfectwork.mail.ServerProcess;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Mailings through the API as a marketer sends them, received by a real SMTP server; the recipient's side through the
 * addresses of the mail they got: the one-click unsubscribe from its List-Unsubscribe header, the unsubscribe page,
 * the open pixel and the click redirect.
 */
@ApiTest
class MailingsIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @LocalServerPort
    int port;

    ApiClient admin;
    ApiClient anonymous;
    OutgoingFixture fixture;
    String unique;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        anonymous = ApiClient.anonymous(port);
        fixture = new OutgoingFixture(admin).noServers().catchallDomain("mycompany.example");
        fixture.server("company", smtp.getSmtp().getPort(), null, 10, Map.of());
        unique = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aMailingReachesItsListLeavingOutTheExcludedAndTracksWhatTheRecipientDoes() throws Exception {
        long list = admin.post("/api/mailing-lists", Map.of("name", "News " + unique))
                .id();
        String mary = contact("mary", List.of(list), List.of());
        String bob = contact("bob", List.of(list), List.of());
        contact("olga", List.of(), List.of(list));
        admin.post("/api/blacklist", Map.of("email", bob, "reason", "asked"));

        long mailing = created(Map.of(
                "subject", "Spring offers " + unique,
                "previewText", "Prices for the season",
                "body", "<p>See <a href=\"https://shop.example/offer\">the offer</a>.</p><script>alert(1)</script>",
                "emailFrom", "news@mycompany.example",
                "recipients", Map.of("listIds", List.of(list))));
        ApiClient.Response sent = admin.post("/api/mailings/" + mailing + "/send", Map.of());
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);

        MimeMessage mail = await().atMost(Duration.ofSeconds(20))
                .until(() -> ReceivedMail.to(smtp.getReceivedMessages(), mary), received -> !received.isEmpty())
                .get(0);
        JsonNode done = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> admin.get("/api/mailings/" + mailing).json(),
                        m -> m.get("state").asString().equals("done"));
        JsonNode progress = done.get("progress");
        assertThat(progress.get("total").asLong()).isEqualTo(3);
        assertThat(progress.get("sent").asLong()).isEqualTo(1);
        assertThat(progress.get("queued").asLong()).isZero();
        assertThat(progress.get("excluded").get("blacklisted").asLong()).isEqualTo(1);
        assertThat(progress.get("excluded").get("optedOut").asLong()).isEqualTo(1);
        assertThat(ReceivedMail.to(smtp.getReceivedMessages(), bob)).isEmpty();
        assertThat(admin.get("/api/mailings/" + mailing + "/traces?state=excluded")
                        .json()
                        .valueStream()
                        .map(trace -> trace.get("exclusion").asString())
                        .toList())
                .containsExactlyInAnyOrder("blacklisted", "optedOut");
        assertThat(admin.put("/api/mailings/" + mailing, Map.of("subject", "x")).status())
                .as("a sent mailing is no longer written")
                .isEqualTo(409);

        String html = GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("=3D", "=");
        assertThat(html).contains("Prices for the season").doesNotContain("alert(1)");
        String unsubscribeUrl = header(mail, "List-Unsubscribe", "<(http[^>]+)>");
        assertThat(mail.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        String token = unsubscribeUrl.substring(unsubscribeUrl.lastIndexOf('/') + 1);
        assertThat(html).contains("/mail/track/" + token + "/click/1").contains("/mail/track/" + token + "/open.gif");

        ApiClient.Response pixel = anonymous.get("/mail/track/" + token + "/open.gif");
        assertThat(pixel.status()).isEqualTo(200);
        assertThat(pixel.contentType()).isEqualTo("image/gif");
        anonymous.get("/mail/track/" + token + "/open.gif");
        ApiClient.Response click = anonymous.get("/mail/track/" + token + "/click/1");
        assertThat(click.status()).isEqualTo(302);
        assertThat(click.raw().headers().firstValue("Location")).hasValue("https://shop.example/offer");
        assertThat(anonymous.get("/mail/track/" + token + "/click/2").status()).isEqualTo(404);
        String forged = token.substring(0, token.indexOf('.')) + ".AAAAAAAAAAAAAAAA";
        assertThat(anonymous.get("/mail/track/" + forged + "/click/1").status()).isEqualTo(404);
        assertThat(anonymous.get("/mail/unsubscribe/" + forged).status()).isEqualTo(404);
        JsonNode stats = admin.get("/api/mailings/" + mailing).json().get("stats");
        assertThat(stats.get("opened").asLong()).as("opened once").isEqualTo(1);
        assertThat(stats.get("clicked").asLong()).isEqualTo(1);
        assertThat(stats.get("openRate").asDouble()).isEqualTo(100.0);

        ApiClient.Response page = anonymous.get(path(unsubscribeUrl));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(mary).contains("News " + unique);

        ApiClient.Response oneClick = anonymous.postRaw(
                path(unsubscribeUrl), "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");
        assertThat(oneClick.status()).as(oneClick.body()).isEqualTo(200);
        JsonNode contact =
                admin.get("/api/mailing-contacts?search=" + mary).json().get(0);
        assertThat(contact.get("optedOutListIds").get(0).asLong()).isEqualTo(list);
        JsonNode trace = admin.get("/api/mailings/" + mailing + "/traces?state=sent")
                .json()
                .get(0);
        assertThat(trace.get("email").asString()).isEqualTo(mary);
        assertThat(trace.get("openedAt").isNull()).isFalse();
        assertThat(trace.get("unsubscribedAt").isNull()).isFalse();
        JsonNode series = admin.get("/api/mailings/" + mailing + "/series").json();
        assertThat(series.get("sent").valueStream().mapToLong(JsonNode::asLong).sum())
                .isEqualTo(1);
        assertThat(series.get("opened")
                        .valueStream()
                        .mapToLong(JsonNode::asLong)
                        .sum())
                .isEqualTo(1);
    }

    @Test
    void aMailingStaysSendingWhileOneOfItsMailsStillWaits() {
        long down = fixture.server("down", ServerProcess.freePort(), null, 20, Map.of());
        long list = admin.post("/api/mailing-lists", Map.of("name", "Waiting " + unique))
                .id();
        contact("ann", List.of(list), List.of());
        contact("tom", List.of(list), List.of());
        long mailing = created(Map.of(
                "subject",
                "Waiting " + unique,
                "body",
                "<p>Soon.</p>",
                "emailFrom",
                "news@mycompany.example",
                "mailServerId",
                down,
                "recipients",
                Map.of("listIds", List.of(list))));

        JsonNode sent =
                admin.post("/api/mailings/" + mailing + "/send", Map.of()).json();

        assertThat(sent.get("progress").get("queued").asLong()).isEqualTo(2);
        assertThat(sent.get("state").asString())
                .as("every mail is queued, none has left: not done")
                .isEqualTo("sending");
        assertThat(admin.post("/api/mailings/" + mailing + "/cancel", Map.of()).status())
                .isEqualTo(200);
    }

    @Test
    void followersAreReachedOnceAndATestMailGoesAtOnce() throws Exception {
        String model = "x_campaign_" + unique;
        long first = admin.post("/api/records", Map.of("model", model, "name", "One"))
                .id();
        long second = admin.post("/api/records", Map.of("model", model, "name", "Two"))
                .id();
        String ann = follower(first, "ann");
        follower(second, "ann");
        String joe = follower(second, "joe");

        long mailing = created(Map.of(
                "subject",
                "To followers " + unique,
                "body",
                "<p>Hello</p>",
                "emailFrom",
                "news@mycompany.example",
                "recipients",
                Map.of("model", model)));
        ApiClient.Response test = admin.post(
                "/api/mailings/" + mailing + "/test", Map.of("emails", List.of("tester-" + unique + "@x.example")));
        assertThat(test.status()).as(test.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> ReceivedMail.to(smtp.getReceivedMessages(), "tester-" + unique + "@x.example"),
                        received -> !received.isEmpty());
        assertThat(admin.get("/api/mailings/" + mailing).json().get("state").asString())
                .isEqualTo("draft");

        admin.post("/api/mailings/" + mailing + "/send", Map.of());
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> admin.get("/api/mailings/" + mailing)
                                .json()
                                .get("state")
                                .asString(),
                        "done"::equals);
        assertThat(ReceivedMail.to(smtp.getReceivedMessages(), ann)).hasSize(1);
        assertThat(ReceivedMail.to(smtp.getReceivedMessages(), joe)).hasSize(1);
        JsonNode progress = admin.get("/api/mailings/" + mailing).json().get("progress");
        assertThat(progress.get("sent").asLong()).isEqualTo(2);
        assertThat(progress.get("excluded").get("duplicate").asLong()).isEqualTo(1);

        // a follower is on no list: unsubscribing blacklists the address
        String url =
                header(ReceivedMail.to(smtp.getReceivedMessages(), joe).get(0), "List-Unsubscribe", "<(http[^>]+)>");
        assertThat(anonymous
                        .postRaw(path(url), "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click")
                        .status())
                .isEqualTo(200);
        assertThat(admin.get("/api/blacklist?active=true&search=" + joe)
                        .json()
                        .get(0)
                        .get("email")
                        .asString())
                .isEqualTo(joe);
        assertThat(anonymous.get(path(url)).body()).contains("id=\"unsubscribe-done\"");
    }

    @Test
    void aScheduledMailingIsSentByTheScheduledActionAndACanceledOneStops() {
        long list = admin.post("/api/mailing-lists", Map.of("name", "Later " + unique))
                .id();
        String zoe = contact("zoe", List.of(list), List.of());
        Map<String, Object> draft = Map.of(
                "subject",
                "Later " + unique,
                "body",
                "<p>Later</p>",
                "emailFrom",
                "news@mycompany.example",
                "recipients",
                Map.of("listIds", List.of(list)));

        long later = created(draft);
        admin.post(
                "/api/mailings/" + later + "/schedule",
                Map.of("at", Instant.now().plusSeconds(86_400).toString()));
        assertThat(admin.post("/api/mailings/" + later + "/cancel", Map.of())
                        .json()
                        .get("state")
                        .asString())
                .isEqualTo("canceled");
        assertThat(admin.post("/api/mailings/" + later + "/cancel", Map.of()).status())
                .isEqualTo(409);

        long due = created(draft);
        JsonNode scheduled = admin.post(
                        "/api/mailings/" + due + "/schedule",
                        Map.of("at", Instant.now().toString()))
                .json();
        assertThat(scheduled.get("state").asString()).isEqualTo("scheduled");
        long action = admin.get("/api/scheduled-actions")
                .json()
                .valueStream()
                .filter(a -> a.get("code").asString().equals("mass_mailing_queue"))
                .findFirst()
                .orElseThrow()
                .get("id")
                .asLong();
        assertThat(admin.post("/api/scheduled-actions/" + action + "/run", Map.of())
                        .status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> admin.get("/api/mailings/" + due)
                                .json()
                                .get("state")
                                .asString(),
                        "done"::equals);
        assertThat(ReceivedMail.to(smtp.getReceivedMessages(), zoe)).hasSize(1);

        // a dedicated server that is inactive keeps the mails waiting: cancel stops them
        long inactive = fixture.server("inactive", smtp.getSmtp().getPort(), null, 20, Map.of("active", false));
        Map<String, Object> held = new java.util.HashMap<>(draft);
        held.put("mailServerId", inactive);
        long stopped = created(held);
        admin.post("/api/mailings/" + stopped + "/send", Map.of());
        assertThat(admin.get("/api/mailings/" + stopped).json().get("state").asString())
                .isEqualTo("sending");
        JsonNode canceled =
                admin.post("/api/mailings/" + stopped + "/cancel", Map.of()).json();
        assertThat(canceled.get("state").asString()).isEqualTo("canceled");
        assertThat(canceled.get("progress").get("canceled").asLong()).isEqualTo(1);
        assertThat(canceled.get("progress").get("queued").asLong()).isZero();
        assertThat(ReceivedMail.to(smtp.getReceivedMessages(), zoe)).hasSize(1);
    }

    private long created(Map<String, Object> body) {
        ApiClient.Response created = admin.post("/api/mailings", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.id();
    }

    private String contact(String name, List<Long> lists, List<Long> optedOut) {
        String email = name + "." + unique + "@customer.example";
        ApiClient.Response created = admin.post(
                "/api/mailing-contacts",
                Map.of("name", name, "email", email, "listIds", lists, "optedOutListIds", optedOut));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return email;
    }

    private String follower(long record, String name) {
        String email = name + "." + unique + "@customer.example";
        admin.post("/api/records/" + record + "/followers", Map.of("name", name, "email", email));
        return email;
    }

    private static String header(MimeMessage mail, String name, String pattern) throws Exception {
        String value = mail.getHeader(name, null);
        assertThat(value).as(name).isNotNull();
        Matcher matcher = Pattern.compile(pattern).matcher(value);
        assertThat(matcher.find()).as(value).isTrue();
        return matcher.group(1);
    }

    private static String path(String url) {
        return URI.create(url).getRawPath();
    }
}
