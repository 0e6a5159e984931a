package com.perfectwork.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The packaged jar, started as a newcomer starts it: a fresh data directory, the embedded database, a
 * generated administrator password read from the log; then the README's 5-minute tour over real HTTP;
 * then a restart on the same data directory that keeps everything and generates nothing.
 */
class PackagedJarIT {

    private static final Pattern GENERATED_PASSWORD = Pattern.compile(
            "Created the administrator 'admin' with the generated password: (\\S+) {2}\\(shown only this once;");
    private static final String COMMENT = "<p>Can you deliver 50 chairs by Friday?</p>";
    private static final String NOTE = "<p>Check the stock first.</p>";
    private static final List<String> STORED_FIELDS =
            List.of("id", "type", "subject", "body", "messageId", "createdAt");

    @TempDir
    Path dataDir;

    /** What the tour left behind, to be found again after the restart. */
    private record Tour(long recordId, JsonNode followers, JsonNode thread, String apiKey) {}

    @Test
    void generatesThePasswordOnceWalksTheTourAndKeepsEverythingAcrossARestart() {
        try (ServerProcess server = new ServerProcess(dataDir, List.of(), List.of())) {
            String password = generatedPassword(server.start().logText());
            ApiClient admin = ApiClient.basic(server.port(), "admin", password);
            Tour tour = walkTheTour(admin, server.port());

            server.stop();
            String secondLog = server.start().logText();

            assertThat(secondLog).doesNotContain("generated password").doesNotContain(password);
            assertKept(admin, ApiClient.bearer(server.port(), tour.apiKey()), tour);
            server.stop();
        }
    }

    private static String generatedPassword(String log) {
        Matcher matcher = GENERATED_PASSWORD.matcher(log);
        assertThat(matcher.find())
                .as("the generated password in the log:%n%s", log)
                .isTrue();
        String password = matcher.group(1);
        assertThat(password).hasSizeGreaterThanOrEqualTo(16);
        assertThat(log.split(Pattern.quote(password), -1))
                .as("the password is printed exactly once")
                .hasSize(2);
        return password;
    }

    /** The README's tour, step by step; each answer checked as a client would read it. */
    private static Tour walkTheTour(ApiClient admin, int port) {
        setCatchallDomain(admin);
        long recordId = createRecord(admin);
        long followerId = addFollower(admin, recordId);
        JsonNode comment = postComment(admin, recordId, followerId);
        JsonNode note = postNote(admin, recordId);
        JsonNode followers = followersWithMary(admin, recordId, followerId);
        JsonNode thread = readThread(admin, recordId);
        assertThat(thread.valueStream().map(m -> m.get("id").asLong()))
                .as("oldest first")
                .containsExactly(comment.get("id").asLong(), note.get("id").asLong());
        JsonNode adminUser = adminUser(admin);
        assertThat(comment.get("authorPartnerId").asLong())
                .isEqualTo(adminUser.get("partnerId").asLong());

        String key = createApiKey(admin, adminUser.get("id").asLong());
        assertSameMessages(readThread(ApiClient.bearer(port, key), recordId), thread);
        return new Tour(recordId, followers, thread, key);
    }

    private static void setCatchallDomain(ApiClient admin) {
        ApiClient.Response domain =
                admin.put("/api/config-parameters/mail.catchall.domain", Map.of("value", "mycompany.com"));
        assertThat(domain.status()).isEqualTo(200);
        assertThat(domain.json().get("value").asString()).isEqualTo("mycompany.com");
    }

    private static long createRecord(ApiClient admin) {
        ApiClient.Response record = admin.post("/api/records", Map.of("model", "crm.lead", "name", "50 office chairs"));
        assertThat(record.status()).isEqualTo(201);
        assertThat(record.json().get("model").asString()).isEqualTo("crm.lead");
        assertThat(record.json().get("name").asString()).isEqualTo("50 office chairs");
        return record.id();
    }

    private static long addFollower(ApiClient admin, long recordId) {
        ApiClient.Response follower = admin.post(
                "/api/records/" + recordId + "/followers",
                Map.of("name", "Mary Customer", "email", "mary@customer.example.com"));
        assertThat(follower.status()).isEqualTo(201);
        assertThat(follower.json().get("name").asString()).isEqualTo("Mary Customer");
        assertThat(follower.json().get("email").asString()).isEqualTo("mary@customer.example.com");
        return follower.json().get("partnerId").asLong();
    }

    /** A comment notifies every follower but its author: here Mary alone, ready to be sent. */
    private static JsonNode postComment(ApiClient admin, long recordId, long followerId) {
        ApiClient.Response posted =
                admin.post("/api/records/" + recordId + "/messages", Map.of("subject", "Delivery", "body", COMMENT));
        assertThat(posted.status()).isEqualTo(201);
        JsonNode comment = posted.json();
        assertThat(comment.get("type").asString()).isEqualTo("comment");
        assertThat(comment.get("body").asString()).isEqualTo(COMMENT);
        JsonNode notifications = comment.get("notifications");
        assertThat(notifications.size()).isEqualTo(1);
        assertThat(notifications.get(0).get("partnerId").asLong()).isEqualTo(followerId);
        assertThat(notifications.get(0).get("email").asString()).isEqualTo("mary@customer.example.com");
        assertThat(notifications.get(0).get("status").asString()).isEqualTo("ready");
        return comment;
    }

    private static JsonNode postNote(ApiClient admin, long recordId) {
        ApiClient.Response posted =
                admin.post("/api/records/" + recordId + "/messages", Map.of("type", "note", "body", NOTE));
        assertThat(posted.status()).isEqualTo(201);
        assertThat(posted.json().get("type").asString()).isEqualTo("note");
        assertThat(posted.json().get("notifications").size())
                .as("a note notifies nobody")
                .isZero();
        return posted.json();
    }

    private static JsonNode readThread(ApiClient client, long recordId) {
        ApiClient.Response thread = client.get("/api/records/" + recordId + "/messages");
        assertThat(thread.status()).isEqualTo(200);
        return thread.json();
    }

    /** Mary follows; so does the administrator, subscribed by posting. */
    private static JsonNode followersWithMary(ApiClient admin, long recordId, long maryId) {
        JsonNode followers = readFollowers(admin, recordId);
        assertThat(followers.valueStream())
                .extracting(
                        f -> f.get("partnerId").asLong(), f -> f.get("email").asString())
                .contains(tuple(maryId, "mary@customer.example.com"));
        return followers;
    }

    private static JsonNode readFollowers(ApiClient admin, long recordId) {
        ApiClient.Response followers = admin.get("/api/records/" + recordId + "/followers");
        assertThat(followers.status()).isEqualTo(200);
        return followers.json();
    }

    private static JsonNode adminUser(ApiClient admin) {
        ApiClient.Response users = admin.get("/api/users");
        assertThat(users.status()).isEqualTo(200);
        return users.json()
                .valueStream()
                .filter(user -> user.get("login").asString().equals("admin"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no user 'admin' in " + users.body()));
    }

    private static String createApiKey(ApiClient admin, long adminId) {
        ApiClient.Response created =
                admin.post("/api/users/" + adminId + "/api-keys", Map.of("name", "Perfectwork ERP"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("id").asLong()).isPositive();
        assertThat(created.json().get("name").asString()).isEqualTo("Perfectwork ERP");
        String key = created.json().get("key").asString();
        assertThat(key).isNotBlank();
        return key;
    }

    /** The same password and the same key still work, and the record, its followers and thread are there. */
    private static void assertKept(ApiClient admin, ApiClient apiKey, Tour tour) {
        ApiClient.Response record = admin.get("/api/records/" + tour.recordId());
        assertThat(record.status()).as("the generated password still works").isEqualTo(200);
        assertThat(record.json().get("name").asString()).isEqualTo("50 office chairs");

        assertSameMessages(readThread(apiKey, tour.recordId()), tour.thread());
        assertThat(readFollowers(admin, tour.recordId())).isEqualTo(tour.followers());
        assertThat(admin.get("/api/config-parameters/mail.catchall.domain")
                        .json()
                        .get("value")
                        .asString())
                .isEqualTo("mycompany.com");
    }

    /** The same messages in the same order (notification statuses may move on as the queue runs). */
    private static void assertSameMessages(JsonNode actual, JsonNode expected) {
        assertThat(actual.size()).isEqualTo(expected.size());
        for (String field : STORED_FIELDS) {
            assertThat(actual.valueStream().map(message -> message.get(field)))
                    .as(field)
                    .containsExactlyElementsOf(expected.valueStream()
                            .map(message -> message.get(field))
                            .toList());
        }
    }
}
