package com.perfectwork.mail.api;

import static com.perfectwork.mail.Problems.assertField;
import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The inbox: a follower who is a user with the inbox preference is notified there instead of by email; users by email
 * and partners who are not users get the mail as before; each user reads, stars and marks read their own inbox only.
 */
@ApiTest
class InboxIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient admin;
    String unique;
    long record;
    User ina;
    User emma;
    long paul;
    String paulEmail;

    /** The administrator's key, made once: a password would cost a bcrypt hash per request. */
    static String adminKey;

    /** A user of this test, with the API client of their own key. */
    record User(long id, long partnerId, ApiClient api) {}

    @BeforeEach
    void aRecordFollowedByAnInboxUserAnEmailUserAndAPartner() {
        if (adminKey == null) {
            adminKey = key(ApiClient.admin(port), adminId(ApiClient.admin(port)));
        }
        admin = ApiClient.bearer(port, adminKey);
        unique = UUID.randomUUID().toString().substring(0, 8);
        ina = user("ina-" + unique, "inbox");
        emma = user("emma-" + unique, null);
        paulEmail = "paul." + unique + "@customer.example";
        paul = admin.post("/api/partners", Map.of("name", "Paul Customer", "email", paulEmail))
                .id();
        record = admin.post("/api/records", Map.of("model", "crm.lead", "name", "Chairs " + unique))
                .id();
        for (long partner : List.of(ina.partnerId(), emma.partnerId(), paul)) {
            assertThat(admin.post("/api/records/" + record + "/followers", Map.of("partnerId", partner))
                            .status())
                    .isEqualTo(201);
        }
    }

    @Test
    void aUserWhoChoseTheInboxGetsAnUnreadEntryAndNoMail() {
        JsonNode message = comment("<p>Can you deliver <b>50</b> chairs?</p>", "Delivery");
        long id = message.get("id").asLong();

        ApiClient.Response inbox = ina.api().get("/api/inbox?unread=true");
        assertThat(inbox.status()).isEqualTo(200);
        assertThat(inbox.raw().headers().firstValue("X-Unread-Count")).hasValue("1");
        JsonNode entry = inbox.json().get(0);
        assertThat(inbox.json().size()).isEqualTo(1);
        assertThat(entry.get("messageId").asLong()).isEqualTo(id);
        assertThat(entry.get("recordId").asLong()).isEqualTo(record);
        assertThat(entry.get("model").asString()).isEqualTo("crm.lead");
        assertThat(entry.get("recordName").asString()).isEqualTo("Chairs " + unique);
        assertThat(entry.get("authorName").asString())
                .isEqualTo(admin.get("/api/me").json().get("name").asString());
        assertThat(entry.get("subject").asString()).isEqualTo("Delivery");
        assertThat(entry.get("preview").asString()).isEqualTo("Can you deliver 50 chairs?");
        assertThat(entry.get("createdAt").asString()).isNotBlank();
        assertThat(entry.get("read").asBoolean()).isFalse();
        assertThat(entry.get("starred").asBoolean()).isFalse();

        assertThat(mailsTo(id, ina.partnerId())).isZero();
        JsonNode notification = notificationOf(message, ina.partnerId());
        assertThat(notification.get("channel").asString()).isEqualTo("inbox");
        assertThat(notification.get("status").asString()).isEqualTo("sent");
    }

    @Test
    void aUserByEmailGetsTheMailAndNoInboxEntry() {
        JsonNode message = comment("<p>Hello</p>", null);
        long id = message.get("id").asLong();
        assertThat(mailsTo(id, emma.partnerId())).isEqualTo(1);
        ApiClient.Response inbox = emma.api().get("/api/inbox");
        assertThat(inbox.json().size()).isZero();
        assertThat(inbox.raw().headers().firstValue("X-Unread-Count")).hasValue("0");
        assertThat(notificationOf(message, emma.partnerId()).get("channel").asString())
                .isEqualTo("email");
    }

    @Test
    void aPartnerWhoIsNoUserGetsTheMail() {
        JsonNode message = comment("<p>Hello</p>", null);
        assertThat(mailsTo(message.get("id").asLong(), paul)).isEqualTo(1);
        assertThat(notificationOf(message, paul).get("channel").asString()).isEqualTo("email");
    }

    @Test
    void theAuthorIsNotNotifiedInTheirOwnInbox() {
        JsonNode own = ina.api()
                .post("/api/records/" + record + "/messages", Map.of("body", "<p>mine</p>", "type", "comment"))
                .json();
        assertThat(own.get("notifications")
                        .valueStream()
                        .map(n -> n.get("partnerId").asLong()))
                .doesNotContain(ina.partnerId());
        assertThat(ina.api().get("/api/inbox").json().size()).isZero();
    }

    @Test
    void aReceivedReplyLandsInTheFollowersInboxes() {
        String header = comment("<p>When can you deliver?</p>", "Delivery")
                .get("messageId")
                .asString();
        byte[] reply = ("From: Paul Customer <" + paulEmail + ">\r\nTo: catchall@mycompany.example\r\n"
                        + "Subject: Re: Delivery\r\nIn-Reply-To: " + header + "\r\n"
                        + "Message-ID: <" + UUID.randomUUID() + "@customer.example>\r\n"
                        + "Date: Sat, 5 Dec 2026 10:00:00 +0000\r\n\r\nFriday works for us.\r\n")
                .getBytes(StandardCharsets.UTF_8);
        JsonNode result =
                admin.postBytes("/api/inbound", "message/rfc822", reply).json();
        assertThat(result.get("outcome").asString()).as(result.toString()).isEqualTo("posted");
        long replyId = result.get("messageId").asLong();

        JsonNode inbox = ina.api().get("/api/inbox?unread=true").json();
        assertThat(inbox.get(0).get("messageId").asLong()).isEqualTo(replyId);
        assertThat(inbox.get(0).get("preview").asString()).startsWith("Friday works for us.");
        assertThat(mailsTo(replyId, ina.partnerId())).isZero();
        assertThat(mailsTo(replyId, emma.partnerId())).isEqualTo(1);
    }

    @Test
    void messagesAreMarkedReadOneByOneOrAllAndStarred() {
        long first = comment("<p>one</p>", null).get("id").asLong();
        long second = comment("<p>two</p>", null).get("id").asLong();
        assertThat(ids(ina.api().get("/api/inbox"))).containsExactly(second, first);

        ApiClient.Response read = ina.api().post("/api/inbox/" + first + "/read", Map.of());
        assertThat(read.status()).isEqualTo(204);
        assertThat(read.raw().headers().firstValue("X-Unread-Count")).hasValue("1");
        assertThat(ids(ina.api().get("/api/inbox?unread=true"))).containsExactly(second);
        assertThat(ids(ina.api().get("/api/inbox?limit=1&before=" + second))).containsExactly(first);

        assertThat(ina.api().post("/api/inbox/" + first + "/star", Map.of()).status())
                .isEqualTo(204);
        assertThat(entry(first).get("starred").asBoolean()).isTrue();
        assertThat(ids(ina.api().get("/api/inbox?starred=true"))).containsExactly(first);
        assertThat(ina.api().delete("/api/inbox/" + first + "/star").status()).isEqualTo(204);
        assertThat(entry(first).get("starred").asBoolean()).isFalse();

        assertThat(ina.api().post("/api/inbox/read-all", Map.of()).status()).isEqualTo(204);
        ApiClient.Response after = ina.api().get("/api/inbox?unread=true");
        assertThat(after.json().size()).isZero();
        assertThat(after.raw().headers().firstValue("X-Unread-Count")).hasValue("0");
        assertThat(entry(second).get("read").asBoolean()).isTrue();
    }

    @Test
    void aUserNeitherSeesNorChangesAnothersInbox() {
        long id = comment("<p>for Ina</p>", null).get("id").asLong();
        assertThat(ids(emma.api().get("/api/inbox"))).doesNotContain(id);
        assertThat(ids(admin.get("/api/inbox"))).doesNotContain(id);
        assertThat(emma.api().post("/api/inbox/" + id + "/read", Map.of()).status())
                .isEqualTo(404);
        assertThat(emma.api().post("/api/inbox/" + id + "/star", Map.of()).status())
                .isEqualTo(404);
        assertThat(emma.api().delete("/api/inbox/" + id + "/star").status()).isEqualTo(404);
        emma.api().post("/api/inbox/read-all", Map.of());
        assertThat(entry(id).get("read").asBoolean()).isFalse();
        assertThat(entry(id).get("starred").asBoolean()).isFalse();
    }

    @Test
    void eachUserSetsTheirOwnPreferenceAndAnAdministratorAnyones() {
        JsonNode me = emma.api().get("/api/me").json();
        assertThat(me.get("id").asLong()).isEqualTo(emma.id());
        assertThat(me.get("notificationPreference").asString()).isEqualTo("email");
        assertField(emma.api().put("/api/me", Map.of("notificationPreference", "pigeon")), "notificationPreference");

        ApiClient.Response changed = emma.api().put("/api/me", Map.of("notificationPreference", "inbox"));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("notificationPreference").asString()).isEqualTo("inbox");
        assertThat(admin.get("/api/users/" + emma.id())
                        .json()
                        .get("notificationPreference")
                        .asString())
                .isEqualTo("inbox");
        assertThat(emma.api()
                        .put("/api/users/" + ina.id(), Map.of("notificationPreference", "email"))
                        .status())
                .isEqualTo(403);
        long id = comment("<p>now in the inbox</p>", null).get("id").asLong();
        assertThat(ids(emma.api().get("/api/inbox"))).containsExactly(id);
        assertThat(mailsTo(id, emma.partnerId())).isZero();

        assertField(
                admin.put("/api/users/" + ina.id(), Map.of("notificationPreference", "")), "notificationPreference");
        JsonNode ina2 = admin.put("/api/users/" + ina.id(), Map.of("notificationPreference", "email"))
                .json();
        assertThat(ina2.get("notificationPreference").asString()).isEqualTo("email");
        long mailed = comment("<p>by email again</p>", null).get("id").asLong();
        assertThat(mailsTo(mailed, ina.partnerId())).isEqualTo(1);
    }

    private JsonNode comment(String body, String subject) {
        Map<String, Object> request = subject == null
                ? Map.of("body", body, "type", "comment")
                : Map.of("body", body, "type", "comment", "subject", subject);
        ApiClient.Response posted = admin.post("/api/records/" + record + "/messages", request);
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        return posted.json();
    }

    private JsonNode entry(long messageId) {
        return ina.api()
                .get("/api/inbox")
                .json()
                .valueStream()
                .filter(e -> e.get("messageId").asLong() == messageId)
                .findFirst()
                .orElseThrow();
    }

    private static List<Long> ids(ApiClient.Response inbox) {
        assertThat(inbox.status()).as(inbox.body()).isEqualTo(200);
        return inbox.json().valueStream().map(e -> e.get("messageId").asLong()).toList();
    }

    private static JsonNode notificationOf(JsonNode message, long partnerId) {
        return message.get("notifications")
                .valueStream()
                .filter(n -> n.get("partnerId").asLong() == partnerId)
                .findFirst()
                .orElseThrow();
    }

    /** The mails queued for a message to a recipient, whatever became of them since. */
    private int mailsTo(long messageId, long partnerId) {
        return jdbc.sql("SELECT COUNT(*) FROM outgoing_mails WHERE chatter_message_id = ? AND recipient_partner_id = ?")
                .params(messageId, partnerId)
                .query(Integer.class)
                .single();
    }

    private User user(String login, String preference) {
        Map<String, Object> request = new java.util.HashMap<>(
                Map.of("login", login, "password", "inbox-password", "name", login, "email", login + "@example.com"));
        if (preference != null) {
            request.put("notificationPreference", preference);
        }
        ApiClient.Response created = admin.post("/api/users", request);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode user = created.json();
        String key = key(admin, user.get("id").asLong());
        return new User(user.get("id").asLong(), user.get("partnerId").asLong(), ApiClient.bearer(port, key));
    }

    private static String key(ApiClient admin, long userId) {
        return admin.post("/api/users/" + userId + "/api-keys", Map.of("name", "inbox"))
                .json()
                .get("key")
                .asString();
    }

    private static long adminId(ApiClient admin) {
        return admin.get("/api/me").json().get("id").asLong();
    }
}
