package com.perfectwork.mail.api;

import static com.perfectwork.mail.Problems.assertField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.discussion.MessagePosted;
import com.perfectwork.mail.discussion.MessagePostedRecorder;
import com.perfectwork.mail.discussion.MessageType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@ApiTest
class ChatterIT {

    @LocalServerPort
    int port;

    @Autowired
    MessagePostedRecorder recorder;

    @Autowired
    JdbcClient jdbc;

    ApiClient admin;
    long record;
    long mary;
    long john;
    long adminPartner;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        record = admin.post("/api/records", Map.of("model", "crm.lead", "name", "Chairs"))
                .id();
        mary = follow("Mary", "mary");
        john = follow("John", "john");
        adminPartner = admin.get("/api/users")
                .json()
                .valueStream()
                .filter(u -> u.get("login").asString().equals("admin"))
                .findFirst()
                .orElseThrow()
                .get("partnerId")
                .asLong();
    }

    @Test
    void aCommentNotifiesEveryFollowerButItsAuthorAndMakesTheAuthorFollow() {
        ApiClient.Response posted = admin.post(
                "/api/records/" + record + "/messages",
                Map.of(
                        "body",
                        "<p>Can you deliver <b>50</b> chairs?</p>",
                        "subject",
                        "Delivery",
                        "type",
                        "comment",
                        "authorPartnerId",
                        mary));
        assertThat(posted.status()).isEqualTo(201);
        JsonNode message = posted.json();
        assertThat(message.get("type").asString()).isEqualTo("comment");
        assertThat(message.get("authorPartnerId").asLong()).isEqualTo(mary);
        assertThat(message.get("authorName").asString()).isEqualTo("Mary");
        assertThat(message.get("emailFrom").asString()).startsWith("Mary <mary.");
        assertThat(message.get("subject").asString()).isEqualTo("Delivery");
        assertThat(message.get("body").asString()).isEqualTo("<p>Can you deliver <b>50</b> chairs?</p>");
        assertThat(message.get("messageId").asString()).matches("<\\d+\\.[0-9a-f]{16}@[^>]+>");
        assertThat(message.get("strippedText").isNull()).isTrue();
        assertThat(message.get("deliveryFailed").asBoolean()).isFalse();
        assertThat(message.get("notifications")
                        .valueStream()
                        .map(n -> n.get("partnerId").asLong()))
                .containsExactly(john);
        JsonNode notification = message.get("notifications").get(0);
        assertThat(notification.get("status").asString()).isEqualTo("ready");
        assertThat(notification.get("email").asString()).startsWith("john.");

        // the caller (admin) posts next; Mary, now a follower as the author before, is notified
        JsonNode second = admin.post("/api/records/" + record + "/messages", Map.of("body", "Yes"))
                .json();
        assertThat(second.get("authorPartnerId").asLong()).isEqualTo(adminPartner);
        assertThat(second.get("notifications")
                        .valueStream()
                        .map(n -> n.get("partnerId").asLong()))
                .containsExactlyInAnyOrder(mary, john);
        assertThat(admin.get("/api/records/" + record + "/followers")
                        .json()
                        .valueStream()
                        .map(f -> f.get("partnerId").asLong()))
                .contains(mary, john, adminPartner);
    }

    @Test
    void aNoteNotifiesNobody() {
        JsonNode note = admin.post(
                        "/api/records/" + record + "/messages", Map.of("body", "<p>internal</p>", "type", "note"))
                .json();
        assertThat(note.get("type").asString()).isEqualTo("note");
        assertThat(note.get("notifications").size()).isZero();
        assertThat(admin.get("/api/records/" + record + "/followers")
                        .json()
                        .valueStream()
                        .map(f -> f.get("partnerId").asLong()))
                .doesNotContain(adminPartner);
    }

    @Test
    void extraRecipientsAreNotifiedWithoutFollowing() {
        long guest = admin.post("/api/partners", Map.of("name", "Guest", "email", unique("guest")))
                .id();
        JsonNode message = admin.post(
                        "/api/records/" + record + "/messages",
                        Map.of("body", "For you too", "partnerIds", List.of(guest, mary, guest)))
                .json();
        assertThat(message.get("notifications")
                        .valueStream()
                        .map(n -> n.get("partnerId").asLong()))
                .containsExactlyInAnyOrder(mary, john, guest);
        assertThat(admin.get("/api/records/" + record + "/followers")
                        .json()
                        .valueStream()
                        .map(f -> f.get("partnerId").asLong()))
                .doesNotContain(guest);
        assertThat(admin.post(
                                "/api/records/" + record + "/messages",
                                Map.of("body", "x", "partnerIds", List.of(987654321)))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aFollowerWithoutEmailShowsTheRedEnvelope() {
        long nameOnly = admin.post("/api/partners", Map.of("name", "No Email")).id();
        admin.post("/api/records/" + record + "/followers", Map.of("partnerId", nameOnly));
        JsonNode message = admin.post("/api/records/" + record + "/messages", Map.of("body", "hello"))
                .json();
        JsonNode failed = message.get("notifications")
                .valueStream()
                .filter(n -> n.get("partnerId").asLong() == nameOnly)
                .findFirst()
                .orElseThrow();
        assertThat(failed.get("status").asString()).isEqualTo("exception");
        assertThat(failed.get("failureType").asString()).isEqualTo("mail_email_missing");
        assertThat(message.get("deliveryFailed").asBoolean()).isTrue();
    }

    @Test
    void theThreadIsOldestFirst() {
        List<Long> ids = Stream.of("first", "second", "third")
                .map(body -> admin.post("/api/records/" + record + "/messages", Map.of("body", body, "type", "note"))
                        .id())
                .toList();
        JsonNode thread = admin.get("/api/records/" + record + "/messages").json();
        assertThat(thread.valueStream().map(m -> m.get("id").asLong())).containsExactlyElementsOf(ids);
        assertThat(admin.get("/api/records/987654321/messages").status()).isEqualTo(404);
    }

    @Test
    void aPostAndItsMailsAreCommittedTogetherAndMessagePostedReachesModuleListeners() {
        long id = admin.post("/api/records/" + record + "/messages", Map.of("body", "event please"))
                .id();
        // the queue takes the event in the posting transaction: its mails are there as soon as the post is, with
        // no publication of its own to complete after the commit
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outgoing_mails WHERE chatter_message_id = ?")
                        .param(id)
                        .query(Integer.class)
                        .single())
                .as("mails queued when the post is answered")
                .isEqualTo(2);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(recorder.received())
                        .contains(new MessagePosted(id, record, MessageType.COMMENT, 2)));
        // a module listener (this test's recorder) still gets it after the commit, through the registry
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(jdbc.sql("""
                        SELECT listener_id FROM event_publication
                        WHERE event_type = ? AND serialized_event LIKE ? AND completion_date IS NOT NULL""")
                                .params(MessagePosted.class.getName(), "%\"messageId\":" + id + ",%")
                                .query(String.class)
                                .list())
                        .singleElement()
                        .satisfies(listener -> assertThat(listener).contains("MessagePostedRecorder")));
    }

    @Test
    void aRefusedPostStoresNothing() {
        int before = admin.get("/api/records/" + record + "/messages").json().size();
        assertField(admin.post("/api/records/" + record + "/messages", Map.of("body", "x", "type", "email")), "type");
        assertField(admin.post("/api/records/" + record + "/messages", Map.of("body", "  ")), "body");
        assertField(
                admin.post("/api/records/" + record + "/messages", Map.of("body", "x", "subject", "s".repeat(1000))),
                "subject");
        assertField(
                admin.post(
                        "/api/records/" + record + "/messages",
                        Map.of(
                                "body",
                                "x",
                                "attachments",
                                List.of(Map.of("name", "a.bin", "contentBase64", "***not base64***")))),
                "attachments[0].contentBase64");
        assertThat(admin.post("/api/records/" + record + "/messages", Map.of("body", "x", "authorPartnerId", 987654321))
                        .status())
                .isEqualTo(404);
        assertThat(admin.post("/api/records/987654321/messages", Map.of("body", "x"))
                        .status())
                .isEqualTo(404);
        assertThat(admin.get("/api/records/" + record + "/messages").json().size())
                .isEqualTo(before);
    }

    @Test
    void attachmentsAreStoredOnceAndStreamedBack() throws Exception {
        byte[] pdf = ("%PDF-1.4 quote " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String encoded = Base64.getEncoder().encodeToString(pdf);
        Map<String, Object> attachment =
                Map.of("name", "Quote n°42.pdf", "mimetype", "application/pdf", "contentBase64", encoded);
        JsonNode first = admin.post(
                        "/api/records/" + record + "/messages",
                        Map.of("body", "quote", "attachments", List.of(attachment)))
                .json();
        JsonNode second = admin.post(
                        "/api/records/" + record + "/messages",
                        Map.of("body", "again", "attachments", List.of(attachment)))
                .json();

        JsonNode listed = first.get("attachments").get(0);
        assertThat(listed.get("name").asString()).isEqualTo("Quote n°42.pdf");
        assertThat(listed.get("mimetype").asString()).isEqualTo("application/pdf");
        assertThat(listed.get("size").asLong()).isEqualTo(pdf.length);

        ApiClient.Response download =
                admin.get("/api/attachments/" + listed.get("id").asLong());
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.contentType()).isEqualTo("application/pdf");
        assertThat(download.raw().body()).isEqualTo(pdf);
        assertThat(download.raw().headers().firstValue("Content-Disposition").orElseThrow())
                .contains("filename*=UTF-8''Quote%20n%C2%B042.pdf");
        assertThat(admin.get("/api/attachments/"
                                + second.get("attachments").get(0).get("id").asLong())
                        .raw()
                        .body())
                .isEqualTo(pdf);

        String hash = jdbc.sql("SELECT content_hash FROM attachments WHERE id = ?")
                .param(listed.get("id").asLong())
                .query(String.class)
                .single();
        try (Stream<Path> files = Files.walk(Path.of("target/test-data/filestore"))) {
            assertThat(files.filter(p -> p.getFileName().toString().equals(hash)))
                    .hasSize(1);
        }
        assertThat(admin.get("/api/attachments/987654321").status()).isEqualTo(404);
    }

    @Test
    void htmlAttachmentsAreDownloadsNeverPages() {
        String html = Base64.getEncoder().encodeToString("<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
        JsonNode message = admin.post(
                        "/api/records/" + record + "/messages",
                        Map.of(
                                "body",
                                "page",
                                "attachments",
                                List.of(Map.of("name", "evil.html", "mimetype", "text/html", "contentBase64", html))))
                .json();
        ApiClient.Response download = admin.get("/api/attachments/"
                + message.get("attachments").get(0).get("id").asLong());
        assertThat(download.raw().headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment");
        assertThat(download.raw().headers().firstValue("X-Content-Type-Options"))
                .hasValue("nosniff");
        assertThat(download.raw()
                        .headers()
                        .firstValue("Content-Security-Policy")
                        .orElseThrow())
                .contains("sandbox");
    }

    @Test
    void anAttachmentOverTheLimitIs413WithAClearMessage() {
        byte[] big = new byte[25 * 1024 * 1024 + 1];
        ApiClient.Response response = admin.post(
                "/api/records/" + record + "/messages",
                Map.of(
                        "body",
                        "too big",
                        "attachments",
                        List.of(Map.of(
                                "name",
                                "video.mp4",
                                "mimetype",
                                "video/mp4",
                                "contentBase64",
                                Base64.getEncoder().encodeToString(big)))));
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asString())
                .contains("video.mp4")
                .contains("25.0 MB")
                .contains("perfectwork.attachments.max-size");
    }

    @Test
    void anAttachmentAtTheLimitIsAccepted() {
        byte[] limit = new byte[25 * 1024 * 1024];
        limit[0] = 1;
        limit[limit.length - 1] = 2;
        ApiClient.Response response = admin.post(
                "/api/records/" + record + "/messages",
                Map.of(
                        "body",
                        "just fits",
                        "attachments",
                        List.of(Map.of(
                                "name",
                                "scan.tiff",
                                "mimetype",
                                "image/tiff",
                                "contentBase64",
                                Base64.getEncoder().encodeToString(limit)))));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        long id = response.json().get("attachments").get(0).get("id").asLong();
        assertThat(admin.get("/api/attachments/" + id).raw().body()).isEqualTo(limit);
    }

    private long follow(String name, String local) {
        return admin.post("/api/records/" + record + "/followers", Map.of("name", name, "email", unique(local)))
                .json()
                .get("partnerId")
                .asLong();
    }

    private static String unique(String local) {
        return local + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}
