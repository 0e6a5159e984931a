package com.perfectwork.mail.mailing;

import static com.perfectwork.mail.Problems.assertField;
import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Email Marketing's lists and contacts through the API, as a marketing user uses them, and the audience a mailing
 * reads from them ({@link MailingAudience}).
 */
@ApiTest
class MailingListsIT {

    @LocalServerPort
    int port;

    @Autowired
    MailingAudience audience;

    ApiClient admin;
    ApiClient marketer;
    String unique;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        unique = UUID.randomUUID().toString().substring(0, 8);
        marketer = ApiClient.bearer(port, keyOf(user("marketer-" + unique, "marketing")));
    }

    @Test
    void listsAndContactsAreCreatedChangedSearchedAndDeleted() {
        long news = created(marketer.post("/api/mailing-lists", Map.of("name", "Newsletter " + unique)));
        long customers = created(marketer.post("/api/mailing-lists", Map.of("name", "Customers " + unique)));
        assertThat(marketer.put("/api/mailing-lists/" + news, Map.of("name", "  News " + unique))
                        .json()
                        .get("name")
                        .asString())
                .isEqualTo("News " + unique);
        assertField(marketer.post("/api/mailing-lists", Map.of("name", " ")), "name");

        ApiClient.Response mary = marketer.post(
                "/api/mailing-contacts",
                Map.of(
                        "email",
                        "Mary Customer <Mary." + unique + "@Example.COM>",
                        "listIds",
                        List.of(news),
                        "optedOutListIds",
                        List.of(customers)));
        assertThat(mary.status()).as(mary.body()).isEqualTo(201);
        JsonNode contact = mary.json();
        assertThat(contact.get("name").asString()).isEqualTo("Mary Customer");
        assertThat(contact.get("email").asString()).isEqualTo("mary." + unique + "@example.com");
        assertThat(ids(contact.get("listIds"))).containsExactlyInAnyOrder(news, customers);
        assertThat(ids(contact.get("optedOutListIds"))).containsExactly(customers);
        assertThat(contact.get("blacklisted").asBoolean()).isFalse();
        assertThat(contact.get("bounceCount").asInt()).isZero();

        ApiClient.Response again =
                marketer.post("/api/mailing-contacts", Map.of("email", "MARY." + unique + "@example.com"));
        assertThat(again.status()).as("one contact per normalized address").isEqualTo(409);
        assertField(marketer.post("/api/mailing-contacts", Map.of("email", "not an address")), "email");
        assertField(
                marketer.post(
                        "/api/mailing-contacts",
                        Map.of("email", "x." + unique + "@example.com", "listIds", List.of(0))),
                "listIds");

        long bob = created(marketer.post(
                "/api/mailing-contacts", Map.of("name", "Bob", "email", "bob." + unique + "@example.com")));
        JsonNode changed = marketer.put(
                        "/api/mailing-contacts/" + bob, Map.of("name", "Bob Builder", "listIds", List.of(customers)))
                .json();
        assertThat(changed.get("name").asString()).isEqualTo("Bob Builder");
        assertThat(ids(changed.get("listIds"))).containsExactly(customers);
        JsonNode list = marketer.get("/api/mailing-lists/" + customers).json();
        assertThat(list.get("contactCount").asLong()).isEqualTo(2);
        assertThat(list.get("optOutCount").asLong()).isEqualTo(1);

        assertThat(emails(marketer.get("/api/mailing-contacts?listId=" + customers + "&search=BUILDER")))
                .containsExactly("bob." + unique + "@example.com");
        assertThat(emails(marketer.get("/api/mailing-contacts?search=" + unique)))
                .containsExactly("mary." + unique + "@example.com", "bob." + unique + "@example.com");
        assertThat(emails(marketer.get("/api/mailing-contacts?search=" + unique + "&offset=1&limit=1")))
                .containsExactly("bob." + unique + "@example.com");

        admin.post("/api/blacklist", Map.of("email", "bob." + unique + "@example.com", "reason", "asked"));
        assertThat(marketer.get("/api/mailing-contacts/" + bob)
                        .json()
                        .get("blacklisted")
                        .asBoolean())
                .isTrue();

        assertThat(marketer.delete("/api/mailing-lists/" + customers).status()).isEqualTo(204);
        assertThat(marketer.get("/api/mailing-lists/" + customers).status()).isEqualTo(404);
        assertThat(ids(marketer.get("/api/mailing-contacts/" + bob).json().get("listIds")))
                .as("a deleted list's contacts stay")
                .isEmpty();
        assertThat(marketer.delete("/api/mailing-contacts/" + bob).status()).isEqualTo(204);
        assertThat(marketer.get("/api/mailing-contacts/" + bob).status()).isEqualTo(404);
    }

    @Test
    void emailMarketingIsForAdministratorsAndMarketingUsersOnly() {
        ApiClient plain = ApiClient.bearer(port, keyOf(user("plain-" + unique, "user")));
        assertThat(plain.get("/api/mailing-lists").status()).isEqualTo(403);
        assertThat(plain.post("/api/mailing-contacts", Map.of("email", "p." + unique + "@example.com"))
                        .status())
                .isEqualTo(403);
        assertThat(ApiClient.anonymous(port).get("/api/mailing-contacts").status())
                .isEqualTo(401);
        assertThat(admin.get("/api/mailing-lists").status()).isEqualTo(200);
        assertThat(marketer.get("/api/records").status())
                .as("a marketing user is a user too")
                .isEqualTo(200);
        assertThat(marketer.get("/api/users").status()).isEqualTo(403);
    }

    @Test
    void theAudienceIsEachSubscribedContactOnceAndAnswersChangeItsLists() {
        long first = created(marketer.post("/api/mailing-lists", Map.of("name", "First " + unique)));
        long second = created(marketer.post("/api/mailing-lists", Map.of("name", "Second " + unique)));
        long both = contact("both", List.of(first, second), List.of());
        long outOfOne = contact("out-of-one", List.of(first, second), List.of(first));
        long outOfAll = contact("out-of-all", List.of(first, second), List.of(first, second));
        long onlySecond = contact("only-second", List.of(second), List.of());

        assertThat(audience.subscribed(List.of(first, second)))
                .extracting(AudienceContact::contactId)
                .containsExactly(both, outOfOne, onlySecond);
        assertThat(audience.subscribed(List.of(first)))
                .extracting(AudienceContact::contactId)
                .containsExactly(both);
        assertThat(audience.optedOut(List.of(first, second)))
                .extracting(AudienceContact::contactId)
                .containsExactly(outOfAll);
        assertThat(audience.countSubscribed(List.of(first, second))).isEqualTo(3);
        assertThat(audience.subscribedPage(List.of(first, second), both, 1))
                .extracting(AudienceContact::formatted)
                .containsExactly("out-of-one." + unique + "@example.com");

        assertThat(audience.optOut(both, first)).isEqualTo(1);
        assertThat(audience.optOut(both, first)).as("idempotent").isZero();
        assertThat(audience.optIn(outOfAll, second)).isTrue();
        assertThat(audience.optOut(onlySecond, null)).isEqualTo(1);
        assertThat(audience.optOut(onlySecond, 987654321L)).as("a deleted list").isZero();
        assertThat(audience.optIn(987654321L, first)).as("a deleted contact").isFalse();
        assertThat(audience.subscribed(List.of(first, second)))
                .extracting(AudienceContact::contactId)
                .containsExactly(both, outOfOne, outOfAll);

        assertThat(audience.countBounce("OUT-OF-ONE." + unique + "@Example.com"))
                .isTrue();
        assertThat(audience.countBounce("nobody." + unique + "@example.com")).isFalse();
        assertThat(marketer.get("/api/mailing-contacts/" + outOfOne)
                        .json()
                        .get("bounceCount")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void aFileOf50000RowsIsImportedWithTheReportOfItsRefusedLines() {
        long list = created(marketer.post("/api/mailing-lists", Map.of("name", "Imported " + unique)));
        long known = contact("row-7", List.of(), List.of());
        long optedOut = contact("row-8", List.of(list), List.of(list));
        StringBuilder csv = new StringBuilder("Company,EMAIL,Name\r\n");
        for (int row = 1; row <= 50_000; row++) {
            String email = row % 1000 == 0
                    ? "not-an-address-" + row
                    : row % 1000 == 500
                            ? "row-" + (row - 1) + "." + unique + "@Example.com"
                            : "row-" + row + "." + unique + "@example.com";
            csv.append("\"Acme, Inc.\",")
                    .append(email)
                    .append(",Contact ")
                    .append(row)
                    .append("\r\n");
        }
        long started = System.nanoTime();
        ApiClient.Response answer = marketer.postBytes(
                "/api/mailing-lists/" + list + "/import",
                "text/csv",
                csv.toString().getBytes(StandardCharsets.UTF_8));
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode report = answer.json();
        System.out.printf(
                "50 000 rows imported in %d ms: %s%n", millis, report.toString().substring(0, 120));
        assertThat(report.get("created").asLong()).isEqualTo(49_900 - 2);
        assertThat(report.get("updated").asLong()).isEqualTo(2);
        assertThat(report.get("optedOut").asLong()).isEqualTo(1);
        assertThat(report.get("invalidCount").asLong()).isEqualTo(100);
        List<JsonNode> invalid = report.get("invalid").valueStream().toList();
        assertThat(invalid).hasSize(100);
        assertThat(invalid.get(0).get("line").asLong())
                .as("the header is line 1")
                .isEqualTo(501);
        assertThat(invalid.get(0).get("reason").asString())
                .isEqualTo("duplicate of line 500 (row-499." + unique + "@example.com)");
        assertThat(invalid.get(1).get("line").asLong()).isEqualTo(1001);
        assertThat(invalid.get(1).get("reason").asString()).contains("'not-an-address-1000' is not a valid email");

        JsonNode updated = marketer.get("/api/mailing-contacts/" + known).json();
        assertThat(updated.get("name").asString()).isEqualTo("Contact 7");
        assertThat(ids(updated.get("listIds"))).containsExactly(list);
        assertThat(ids(marketer.get("/api/mailing-contacts/" + optedOut).json().get("optedOutListIds")))
                .as("an import never takes back an opt-out")
                .containsExactly(list);
        JsonNode counts = marketer.get("/api/mailing-lists/" + list).json();
        assertThat(counts.get("contactCount").asLong()).isEqualTo(49_900);
        assertThat(counts.get("optOutCount").asLong()).isEqualTo(1);

        List<Long> walked = new ArrayList<>();
        audience.subscribed(List.of(list)).forEach(contact -> walked.add(contact.contactId()));
        assertThat(walked).hasSize(49_899).isSorted().doesNotHaveDuplicates().doesNotContain(optedOut);
    }

    @Test
    void aSemicolonFileWithMailchimpColumnsIsReadAndAFileWithoutAddressesRefused() {
        long list = created(marketer.post("/api/mailing-lists", Map.of("name", "Semicolons " + unique)));
        String csv = "\uFEFFEmail Address;First Name;Last Name;Notes\n"
                + "ann." + unique + "@example.com;Ann;Smith;\"likes; semicolons\"\n"
                + "\n"
                + ";No;Address;\n"
                + "\"Carl Jones\" <carl." + unique + "@example.com>;;;\n";
        JsonNode report = marketer.postBytes(
                        "/api/mailing-lists/" + list + "/import", "text/csv", csv.getBytes(StandardCharsets.UTF_8))
                .json();
        assertThat(report.get("created").asLong()).isEqualTo(2);
        assertThat(report.get("invalid").get(0).get("line").asLong()).isEqualTo(4);
        assertThat(report.get("invalid").get(0).get("reason").asString()).isEqualTo("no email address");
        assertThat(names(marketer.get("/api/mailing-contacts?listId=" + list)))
                .containsExactly("Ann Smith", "Carl Jones");

        assertField(
                marketer.postBytes(
                        "/api/mailing-lists/" + list + "/import",
                        "text/csv",
                        "name,phone\nAnn,123\n".getBytes(StandardCharsets.UTF_8)),
                "file");
        assertThat(marketer.postBytes(
                                "/api/mailing-lists/" + list + "/import",
                                "text/plain",
                                "name,email\n".getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(415);
        assertThat(marketer.postBytes(
                                "/api/mailing-lists/987654321/import",
                                "text/csv",
                                "name,email\n".getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(404);
    }

    private long contact(String local, List<Long> lists, List<Long> optedOut) {
        return created(marketer.post(
                "/api/mailing-contacts",
                Map.of("email", local + "." + unique + "@example.com", "listIds", lists, "optedOutListIds", optedOut)));
    }

    private long user(String login, String role) {
        return created(admin.post(
                "/api/users",
                Map.of(
                        "login",
                        login,
                        "password",
                        "marketing-password",
                        "email",
                        login + "@example.com",
                        "role",
                        role)));
    }

    private String keyOf(long userId) {
        ApiClient.Response key = admin.post("/api/users/" + userId + "/api-keys", Map.of("name", "mailing lists"));
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        return key.json().get("key").asString();
    }

    private static List<Long> ids(JsonNode array) {
        return array.valueStream().map(JsonNode::asLong).toList();
    }

    private static List<String> emails(ApiClient.Response contacts) {
        assertThat(contacts.status()).as(contacts.body()).isEqualTo(200);
        return contacts.json().valueStream().map(c -> c.get("email").asString()).toList();
    }

    private static List<String> names(ApiClient.Response contacts) {
        return contacts.json().valueStream().map(c -> c.get("name").asString()).toList();
    }

    private static long created(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.id();
    }
}
