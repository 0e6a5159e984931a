package com.perfectwork.mail.blacklist;

import static com.perfectwork.mail.Problems.assertField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@ApiTest
class BlacklistIT {

    @LocalServerPort
    int port;

    @Autowired
    AddressBlacklistedRecorder recorder;

    ApiClient admin;
    String unique;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        unique = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anAddressIsBlacklistedNormalizedWithItsReasonAndANote() {
        ApiClient.Response added = admin.post(
                "/api/blacklist", Map.of("email", "Mary <Mary." + unique + "@Customer.Example.COM>", "reason", "spam"));

        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.raw().headers().firstValue("Location")).hasValue("/api/blacklist/" + added.id());
        JsonNode entry = added.json();
        assertThat(entry.get("email").asString()).isEqualTo("mary." + unique + "@customer.example.com");
        assertThat(entry.get("active").asBoolean()).isTrue();
        assertThat(entry.get("reason").asString()).isEqualTo("spam");
        assertThat(entry.get("createdAt").asString()).endsWith("Z");
        assertThat(entry.get("notes").valueStream().map(note -> note.get("body").asString()))
                .containsExactly("Blacklisted by admin: spam");
        assertThat(entry.get("notes").get(0).get("createdAt").asString()).endsWith("Z");
        assertThat(admin.get("/api/blacklist/" + added.id()).json()).isEqualTo(entry);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(recorder.received())
                        .contains(new AddressBlacklisted("mary." + unique + "@customer.example.com", "spam")));
    }

    @Test
    void theSameAddressWrittenDifferentlyIsTheSameEntry() {
        String address = "jo." + unique + "@example.com";
        long id = admin.post("/api/blacklist", Map.of("email", address, "reason", "first"))
                .id();

        ApiClient.Response again = admin.post(
                "/api/blacklist", Map.of("email", "\"Jo B.\" <JO." + unique + "@EXAMPLE.com>", "reason", "second"));

        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.raw().headers().firstValue("Location")).isEmpty();
        assertThat(again.id()).isEqualTo(id);
        assertThat(again.json().get("reason").asString()).isEqualTo("second");
        assertThat(again.json()
                        .get("notes")
                        .valueStream()
                        .map(note -> note.get("body").asString()))
                .containsExactly("Blacklisted by admin: first", "Blacklisted by admin: second");
        assertThat(search(address)).hasSize(1);
        // blacklisted once: an address already blacklisted is not announced again
        await().during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(recorder.received().stream()
                                .filter(event -> event.email().equals(address)))
                        .containsExactly(new AddressBlacklisted(address, "first")));
    }

    @Test
    void removingKeepsTheEntryInactiveWithANoteAndAddingAgainReactivatesIt() {
        String address = "ann." + unique + "@example.com";
        long partner = admin.post(
                        "/api/partners", Map.of("name", "Ann", "email", "Ann <Ann." + unique + "@Example.com>"))
                .id();
        long id = admin.post("/api/blacklist", Map.of("email", address, "reason", "complained"))
                .id();
        assertThat(blacklisted(admin.get("/api/partners/" + partner).json())).isTrue();

        ApiClient.Response removed =
                admin.delete("/api/blacklist/" + id, Map.of("note", "asked to hear from us again"));

        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(removed.json().get("active").asBoolean()).isFalse();
        assertThat(removed.json().get("reason").asString()).isEqualTo("complained");
        assertThat(removed.json()
                        .get("notes")
                        .valueStream()
                        .map(note -> note.get("body").asString()))
                .containsExactly(
                        "Blacklisted by admin: complained",
                        "Removed from the blacklist by admin: asked to hear from us again");
        assertThat(admin.get("/api/blacklist/" + id).json().get("active").asBoolean())
                .isFalse();
        assertThat(blacklisted(admin.get("/api/partners/" + partner).json())).isFalse();

        ApiClient.Response twice = admin.delete("/api/blacklist/" + id);
        assertThat(twice.status()).as(twice.body()).isEqualTo(409);
        assertThat(twice.contentType()).startsWith("application/problem+json");

        ApiClient.Response reactivated = admin.post("/api/blacklist", Map.of("email", address, "reason", "again"));
        assertThat(reactivated.status()).as(reactivated.body()).isEqualTo(200);
        assertThat(reactivated.id()).isEqualTo(id);
        assertThat(reactivated.json().get("active").asBoolean()).isTrue();
        assertThat(reactivated.json().get("notes").size()).isEqualTo(3);
        assertThat(blacklisted(admin.get("/api/partners/" + partner).json())).isTrue();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(recorder.received().stream()
                                .filter(event -> event.email().equals(address)))
                        .containsExactly(
                                new AddressBlacklisted(address, "complained"),
                                new AddressBlacklisted(address, "again")));
    }

    @Test
    void aRemovalWithoutANoteSaysWhoRemovedIt() {
        long id = admin.post("/api/blacklist", Map.of("email", "bo." + unique + "@example.com", "reason", "typo"))
                .id();

        ApiClient.Response removed = admin.delete("/api/blacklist/" + id);

        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(removed.json().get("notes").get(1).get("body").asString())
                .isEqualTo("Removed from the blacklist by admin");
    }

    @Test
    void theListIsFilteredByStateAndSearchedByAddressOrReason() {
        long kept = admin.post("/api/blacklist", Map.of("email", "kept." + unique + "@example.com", "reason", "spam"))
                .id();
        long released = admin.post(
                        "/api/blacklist",
                        Map.of("email", "released." + unique + "@example.com", "reason", "Reason-" + unique))
                .id();
        admin.delete("/api/blacklist/" + released);

        assertThat(ids(search(unique))).containsExactly(released, kept);
        assertThat(ids(search(unique.toUpperCase()))).as("in any case").containsExactly(released, kept);
        assertThat(ids(admin.get("/api/blacklist?active=true&search=" + unique).json()))
                .containsExactly(kept);
        assertThat(ids(admin.get("/api/blacklist?active=false&search=" + unique).json()))
                .containsExactly(released);
        assertThat(ids(search("reason-" + unique))).containsExactly(released);
        assertThat(ids(admin.get("/api/blacklist?search=" + unique + "&limit=1").json()))
                .containsExactly(released);
        assertThat(ids(admin.get("/api/blacklist?search=" + unique + "&offset=1")
                        .json()))
                .containsExactly(kept);
        assertThat(search("%" + unique)).as("a wildcard is taken literally").isEmpty();
        assertThat(search(unique).get(0).get("notes").size()).isEqualTo(2);
        assertField(admin.get("/api/blacklist?limit=0"), "limit");
    }

    @Test
    void unknownIdIs404() {
        assertThat(admin.get("/api/blacklist/987654321").status()).isEqualTo(404);
        ApiClient.Response removed = admin.delete("/api/blacklist/987654321");
        assertThat(removed.status()).isEqualTo(404);
        assertThat(removed.json().get("detail").asString()).contains("blacklist entry 987654321");
    }

    @Test
    void anInvalidAddressOrAMissingReasonNamesTheField() {
        assertField(admin.post("/api/blacklist", Map.of("email", "x@", "reason", "spam")), "email");
        assertField(admin.post("/api/blacklist", Map.of("email", "a@b.com, c@d.com", "reason", "spam")), "email");
        assertField(admin.post("/api/blacklist", Map.of("reason", "spam")), "email");
        assertField(admin.post("/api/blacklist", Map.of("email", "z." + unique + "@example.com")), "reason");
        assertField(
                admin.post("/api/blacklist", Map.of("email", "z." + unique + "@example.com", "reason", " ")), "reason");
        assertField(
                admin.post(
                        "/api/blacklist", Map.of("email", "z." + unique + "@example.com", "reason", "x".repeat(1001))),
                "reason");
        assertThat(search(unique)).isEmpty();
    }

    @Test
    void aUserWhoIsNoAdministratorIsForbidden() {
        String login = "user-" + unique;
        assertThat(admin.post(
                                "/api/users",
                                Map.of(
                                        "login", login,
                                        "password", "user-password-1",
                                        "name", "Una User",
                                        "email", login + "@example.com",
                                        "role", "user"))
                        .status())
                .isEqualTo(201);
        long id = admin.post("/api/blacklist", Map.of("email", "u." + unique + "@example.com", "reason", "spam"))
                .id();
        ApiClient user = ApiClient.basic(port, login, "user-password-1");

        assertThat(user.get("/api/blacklist").status()).isEqualTo(403);
        assertThat(user.get("/api/blacklist/" + id).status()).isEqualTo(403);
        assertThat(user.post("/api/blacklist", Map.of("email", "v." + unique + "@example.com", "reason", "x"))
                        .status())
                .isEqualTo(403);
        assertThat(user.delete("/api/blacklist/" + id).status()).isEqualTo(403);
        assertThat(admin.get("/api/blacklist/" + id).json().get("active").asBoolean())
                .isTrue();
        assertThat(search("v." + unique)).isEmpty();
    }

    @Test
    void aPartnerWhoseAddressIsBlacklistedIsMarked() {
        long listed = admin.post(
                        "/api/partners", Map.of("name", "Max", "email", "Max <MAX." + unique + "@Example.com>"))
                .id();
        long other = admin.post("/api/partners", Map.of("name", "Moe", "email", "moe." + unique + "@example.com"))
                .id();
        admin.post("/api/blacklist", Map.of("email", "max." + unique + "@example.com", "reason", "bounces"));

        assertThat(blacklisted(admin.get("/api/partners/" + listed).json())).isTrue();
        assertThat(blacklisted(admin.get("/api/partners/" + other).json())).isFalse();
        JsonNode byEmail = admin.get("/api/partners?email=" + encode("max." + unique + "@EXAMPLE.COM"))
                .json();
        assertThat(byEmail.size()).isEqualTo(1);
        assertThat(blacklisted(byEmail.get(0))).isTrue();
        assertThat(blacklisted(partnerInList(listed))).isTrue();
        assertThat(blacklisted(partnerInList(other))).isFalse();
        assertThat(blacklisted(admin.post(
                                "/api/partners", Map.of("name", "Max again", "email", "max." + unique + "@example.com"))
                        .json()))
                .as("a new contact with a blacklisted address")
                .isTrue();
    }

    @Test
    void theFollowersListMarksTheBlacklistedFollowerOnly() {
        long record = admin.post("/api/records", Map.of("model", "crm.lead", "name", "Followed " + unique))
                .id();
        String listed = "Lia <Lia." + unique + "@Example.com>";
        admin.post("/api/records/" + record + "/followers", Map.of("name", "Lia", "email", listed));
        admin.post(
                "/api/records/" + record + "/followers",
                Map.of("name", "Kim", "email", "kim." + unique + "@example.com"));
        admin.post("/api/blacklist", Map.of("email", "lia." + unique + "@example.com", "reason", "bounces"));

        JsonNode followers = admin.get("/api/records/" + record + "/followers").json();

        assertThat(followers
                        .valueStream()
                        .map(f -> f.get("name").asString() + "="
                                + f.get("blacklisted").asBoolean()))
                .containsExactly("Lia=true", "Kim=false");
        assertThat(followers.get(0).get("email").asString()).isEqualTo(listed);
        ApiClient.Response followed = admin.post(
                "/api/records/" + record + "/followers",
                Map.of("name", "Lia", "email", "lia." + unique + "@example.com"));
        assertThat(followed.status()).isEqualTo(201);
        assertThat(blacklisted(followed.json())).isTrue();
    }

    @Test
    void concurrentAdditionsOfOneAddressMakeOneEntry() throws Exception {
        String address = "race." + unique + "@example.com";
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<CompletableFuture<ApiClient.Response>> calls = IntStream.range(0, threads)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> {
                                waitFor(start);
                                String written = i % 2 == 0 ? address : address.toUpperCase();
                                return admin.post("/api/blacklist", Map.of("email", written, "reason", "race " + i));
                            },
                            pool))
                    .toList();
            start.countDown();
            List<ApiClient.Response> answers =
                    calls.stream().map(CompletableFuture::join).toList();

            assertThat(answers)
                    .allSatisfy(answer ->
                            assertThat(answer.status()).as(answer.body()).isIn(200, 201));
            assertThat(answers.stream().filter(answer -> answer.status() == 201))
                    .hasSize(1);
            assertThat(answers.stream().map(ApiClient.Response::id).distinct()).hasSize(1);
        } finally {
            pool.shutdown();
        }
        JsonNode entries = search(address);
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).get("active").asBoolean()).isTrue();
        assertThat(entries.get(0).get("notes").size()).isEqualTo(threads);
    }

    private JsonNode search(String text) {
        return admin.get("/api/blacklist?search=" + encode(text)).json();
    }

    /** A partner as the unfiltered, paged list shows it. */
    private JsonNode partnerInList(long id) {
        for (int offset = 0; ; offset += 1000) {
            JsonNode page =
                    admin.get("/api/partners?limit=1000&offset=" + offset).json();
            assertThat(page.size()).as("partner " + id + " listed").isPositive();
            for (JsonNode partner : page) {
                if (partner.get("id").asLong() == id) {
                    return partner;
                }
            }
        }
    }

    private static boolean blacklisted(JsonNode node) {
        return node.get("blacklisted").asBoolean();
    }

    private static List<Long> ids(JsonNode entries) {
        return entries.valueStream().map(entry -> entry.get("id").asLong()).toList();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
