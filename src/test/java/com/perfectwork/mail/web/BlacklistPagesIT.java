package com.perfectwork.mail.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Blacklisted Email Addresses over HTTP: search, add with and without a reason, remove with a note, the log. */
@ApiTest
class BlacklistPagesIT {

    @LocalServerPort
    int port;

    ApiClient admin;
    FormSession session;
    String email;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        session = new FormSession(port);
        session.login("admin", ApiTest.ADMIN_PASSWORD);
        email = "spam-trap." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    @Test
    void anAddressIsBlacklistedSearchedAndRemovedWithItsLogNotes() {
        session.document(BlacklistedAddressesController.PATH);
        FormSession.Page added = session.post(
                BlacklistedAddressesController.PATH,
                Map.of("email", "  " + email.toUpperCase(), "reason", "spam trap"));
        assertThat(added.status()).isEqualTo(302);
        long id = Long.parseLong(added.location().substring(added.location().lastIndexOf('/') + 1));
        Document entry = session.document(BlacklistedAddressesController.PATH + "/" + id);
        assertThat(entry.select("#flash.ok").text())
                .isEqualTo("Blacklisted " + email + ": no mail goes to it any more.");
        assertThat(entry.select("#entry-state").text()).isEqualTo("Blacklisted");
        assertThat(entry.select("#entry-notes li").text()).contains("Blacklisted by admin: spam trap");
        assertThat(blacklisted()).isTrue();

        Document found = session.document(BlacklistedAddressesController.PATH + "?search=" + email.substring(0, 18));
        assertThat(found.select("#entry-" + id).text()).contains(email, "spam trap", "Blacklisted");

        FormSession.Page removed = session.post(
                BlacklistedAddressesController.PATH + "/" + id + "/remove", Map.of("note", "asked to hear from us"));
        assertThat(removed.location()).endsWith(BlacklistedAddressesController.PATH + "/" + id);
        Document after = session.document(BlacklistedAddressesController.PATH + "/" + id);
        assertThat(after.select("#flash.ok").text()).isEqualTo(email + " is no longer blacklisted.");
        assertThat(after.select("#entry-state").text()).isEqualTo("Removed from the blacklist");
        assertThat(after.select("#entry-notes li")).hasSize(2);
        assertThat(after.select("#entry-notes li").get(1).text())
                .contains("Removed from the blacklist by admin: asked to hear from us");
        assertThat(after.select("#remove-from-blacklist")).isEmpty();
        assertThat(blacklisted()).isFalse();

        assertThat(session.document(BlacklistedAddressesController.PATH + "?search=" + email)
                        .select("#entry-" + id))
                .as("the default list shows blacklisted addresses only")
                .isEmpty();
        assertThat(session.document(BlacklistedAddressesController.PATH + "?shown=removed&search=" + email)
                        .select("#entry-" + id)
                        .text())
                .contains("Removed");

        session.post(BlacklistedAddressesController.PATH + "/" + id + "/remove", Map.of());
        assertThat(session.document(BlacklistedAddressesController.PATH + "/" + id)
                        .select("#flash.error")
                        .text())
                .isEqualTo("Not removed: " + email + " is not blacklisted (removed already).");
    }

    @Test
    void aReasonIsOptionalAndBlacklistingAgainReactivatesTheEntry() {
        session.document(BlacklistedAddressesController.PATH);
        FormSession.Page added =
                session.post(BlacklistedAddressesController.PATH, Map.of("email", email, "reason", ""));
        String entryPage = added.location().substring(added.location().indexOf("/web/"));
        assertThat(session.document(entryPage).select("#entry-notes li").text()).contains("Blacklisted by admin");
        JsonNode entry = apiEntry();
        assertThat(entry.get("reason").asString()).isEqualTo(BlacklistForm.BY_HAND);

        session.post(entryPage + "/remove", Map.of("note", ""));
        assertThat(session.document(entryPage).select("#flash.ok").text())
                .isEqualTo(email + " is no longer blacklisted.");
        session.post(BlacklistedAddressesController.PATH, Map.of("email", email, "reason", "bounced again"));
        Document again = session.document(entryPage);
        assertThat(again.select("#flash.ok").text()).isEqualTo(email + " is blacklisted again.");
        assertThat(again.select("#entry-notes li")).hasSize(3);
        assertThat(blacklisted()).isTrue();
    }

    @Test
    void aWrongAddressIsShownNextToItsFieldAndNothingIsAdded() {
        session.document(BlacklistedAddressesController.PATH);
        FormSession.Page answer =
                session.post(BlacklistedAddressesController.PATH, Map.of("email", "not an address", "reason", "x"));
        assertThat(answer.status()).isEqualTo(200);
        Document form = Jsoup.parse(answer.body());
        assertThat(form.select("#email-error").text()).isNotBlank();
        assertThat(form.select("#email").attr("aria-describedby")).isEqualTo("email-error");
        assertThat(form.select("#email").val()).isEqualTo("not an address");
        assertThat(form.select("#flash.error").text()).startsWith("Not blacklisted");

        FormSession.Page tooLong =
                session.post(BlacklistedAddressesController.PATH, Map.of("email", email, "reason", "r".repeat(1001)));
        assertThat(Jsoup.parse(tooLong.body()).select("#reason-error").text()).contains("at most");
        assertThat(admin.get("/api/blacklist?active=true&search=" + email)
                        .json()
                        .size())
                .isZero();
    }

    @Test
    void aSearchThatMatchesNothingSaysSoAndAnUnknownEntryIsNotFound() {
        assertThat(session.document(BlacklistedAddressesController.PATH + "?search=" + UUID.randomUUID())
                        .select("#empty-state")
                        .text())
                .contains("No entry matches");
        assertThat(session.get(BlacklistedAddressesController.PATH + "/987654321")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aLongListIsPagedAndTheNextPageKeepsTheSearch() {
        String tag = "paged-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i <= ListPage.SIZE; i++) {
            assertThat(admin.post("/api/blacklist", Map.of("email", tag + "-" + i + "@example.com", "reason", "paging"))
                            .status())
                    .isEqualTo(201);
        }
        Document first = session.document(BlacklistedAddressesController.PATH + "?search=" + tag);
        assertThat(first.select("#blacklist tbody tr")).hasSize(ListPage.SIZE);
        assertThat(first.select("#previous-page")).isEmpty();
        String next = first.select("#next-page").attr("href");
        assertThat(next).contains("search=" + tag, "shown=blacklisted", "page=2");

        Document second = session.document(next);
        assertThat(second.select("#blacklist tbody tr")).hasSize(1);
        assertThat(second.select("#blacklist tbody tr").text()).contains(tag + "-0@example.com");
        assertThat(second.select("#next-page")).isEmpty();
        assertThat(second.select("#previous-page").attr("href")).contains("page=1");
    }

    private boolean blacklisted() {
        JsonNode entry = apiEntry();
        return entry != null && entry.get("active").asBoolean();
    }

    private JsonNode apiEntry() {
        return admin.get("/api/blacklist?search=" + email)
                .json()
                .valueStream()
                .filter(e -> e.get("email").asString().equals(email))
                .findFirst()
                .orElse(null);
    }
}
