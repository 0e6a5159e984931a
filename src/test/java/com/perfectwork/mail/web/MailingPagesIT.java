package com.perfectwork.mail.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.mailing.ContactImport;
import com.perfectwork.mail.mailing.ContactImports;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Email Marketing's pages over HTTP: lists, contacts and a CSV import with its progress (polled by htmx) and its
 * report, as a marketing user; and who may open them.
 */
@ApiTest
class MailingPagesIT {

    @LocalServerPort
    int port;

    @Autowired
    ContactImports imports;

    ApiClient admin;
    FormSession session;
    String unique;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        session = new FormSession(port);
        session.login(WebUsers.marketingUser(admin), WebUsers.USER_PASSWORD);
        unique = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aDraftRefusedKeepsWhatWasTypedAndTheDedicatedServerIsChosenInTheSettings() {
        session.document(MailingsController.PATH + "/new");
        FormSession.Page refused = session.post(
                MailingsController.PATH,
                Map.of("subject", "Offers " + unique, "emailFrom", "not an address", "body", "<p>Hi</p>"));
        Document form = Jsoup.parse(refused.body());
        assertThat(form.select("#emailFrom-error").text()).isEqualTo("must be an email address");
        assertThat(form.select("#subject").val()).isEqualTo("Offers " + unique);
        assertThat(form.select("#body-editor").html()).isEqualTo("<p>Hi</p>");

        String draft = created(session.post(
                MailingsController.PATH,
                Map.of(
                        "subject",
                        "Offers " + unique,
                        "emailFrom",
                        "news@example.com",
                        "recipients",
                        "model",
                        "model",
                        "crm.lead")));
        Document saved = session.document(draft);
        assertThat(saved.select("#subject").val()).isEqualTo("Offers " + unique);
        assertThat(saved.select("#recipients-model").hasAttr("checked")).isTrue();
        assertThat(session.document(MailingsController.PATH).select("#mailings").text())
                .contains("Offers " + unique, "draft");
        long id = Long.parseLong(draft.substring(draft.lastIndexOf('/') + 1));
        admin.post("/api/mailings/" + id + "/schedule", Map.of("at", "2099-01-01T00:00:00Z"));
        FormSession.Page late = session.post(draft, Map.of("subject", "Changed", "emailFrom", "news@example.com"));
        assertThat(late.status()).isEqualTo(302);
        assertThat(session.document(draft).select("#flash.error").text())
                .isEqualTo("Not saved: the mailing is scheduled, no longer a draft.");
        assertThat(admin.post("/api/mailings/" + id + "/cancel", Map.of()).status())
                .isEqualTo(200);

        long server = admin.post(
                        "/api/mail-servers",
                        Map.of(
                                "name",
                                "Mass " + unique,
                                "host",
                                "127.0.0.1",
                                "port",
                                2525,
                                "encryption",
                                "none",
                                "active",
                                false))
                .id();
        try {
            session.post(MarketingSettingsController.PATH, Map.of("dedicatedServer", Long.toString(server)));
            assertThat(admin.get("/api/config-parameters/mass_mailing.outgoing_mail_server")
                            .json()
                            .get("value")
                            .asString())
                    .isEqualTo(Long.toString(server));
            assertThat(session.document(MarketingSettingsController.PATH)
                            .select("#dedicatedServer option[selected]")
                            .text())
                    .isEqualTo("Mass " + unique + " (inactive)");
            session.post(MarketingSettingsController.PATH, Map.of("dedicatedServer", ""));
            assertThat(admin.get("/api/config-parameters/mass_mailing.outgoing_mail_server")
                            .status())
                    .isEqualTo(404);
        } finally {
            admin.delete("/api/config-parameters/mass_mailing.outgoing_mail_server");
            admin.delete("/api/mail-servers/" + server);
        }
    }

    @Test
    void aListIsCreatedRenamedAndDeletedAfterConfirmationItsContactsStaying() {
        session.document(MailingListsController.PATH);
        FormSession.Page blank = session.post(MailingListsController.PATH, Map.of("name", " "));
        assertThat(Jsoup.parse(blank.body()).select("#name-error").text()).isEqualTo("is required");
        String tooLong = "Newsletter " + unique + " " + "x".repeat(300);
        Document refused = Jsoup.parse(session.post(MailingListsController.PATH, Map.of("name", tooLong))
                .body());
        assertThat(refused.select("#name-error").text()).isNotEmpty();
        assertThat(refused.select("#name").val())
                .as("what was typed is shown again")
                .isEqualTo(tooLong);

        String listPage = created(session.post(MailingListsController.PATH, Map.of("name", "Newsletter " + unique)));
        assertThat(session.document(listPage).select("#flash.ok").text())
                .isEqualTo("Created the mailing list Newsletter " + unique + ".");
        long listId = Long.parseLong(listPage.substring(listPage.lastIndexOf('/') + 1));
        admin.post(
                "/api/mailing-contacts",
                Map.of("name", "Mary", "email", "mary." + unique + "@example.com", "listIds", List.of(listId)));

        session.post(listPage, Map.of("name", "News " + unique));
        Document renamed = session.document(listPage);
        assertThat(renamed.select("#list-name").text()).isEqualTo("News " + unique);
        assertThat(renamed.select("#contact-count").text()).isEqualTo("1");
        assertThat(renamed.select("#list-contacts tbody tr").text())
                .contains("Mary", "mary." + unique + "@example.com", "Subscribed");
        assertThat(session.document(MailingListsController.PATH + "?search=news+" + unique)
                        .select("#list-" + listId)
                        .text())
                .contains("News " + unique);

        assertThat(session.document(listPage + "/delete").select("#confirm-delete"))
                .hasSize(1);
        FormSession.Page deleted = session.post(listPage + "/delete", Map.of());
        assertThat(deleted.location()).endsWith(MailingListsController.PATH);
        assertThat(session.get(listPage).status()).isEqualTo(404);
        assertThat(admin.get("/api/mailing-contacts?search=mary." + unique)
                        .json()
                        .size())
                .isEqualTo(1);
    }

    @Test
    void aContactIsPutOnListsAndOptedOutInItsForm() {
        long news = admin.post("/api/mailing-lists", Map.of("name", "News " + unique))
                .id();
        long offers = admin.post("/api/mailing-lists", Map.of("name", "Offers " + unique))
                .id();
        session.document(MailingContactsController.PATH + "/new?listId=" + news);
        String contactPage = created(session.post(
                MailingContactsController.PATH,
                Map.of("name", "Ann", "email", "Ann." + unique + "@Example.com", "lists", String.valueOf(news))));
        long id = Long.parseLong(contactPage.substring(contactPage.lastIndexOf('/') + 1));

        Document form = session.document(contactPage);
        assertThat(form.select("#on-" + news).hasAttr("checked")).isTrue();
        assertThat(form.select("#on-" + offers).hasAttr("checked")).isFalse();
        session.post(
                contactPage,
                Map.of(
                        "name",
                        "Ann Smith",
                        "email",
                        "ann." + unique + "@example.com",
                        "lists",
                        String.valueOf(news),
                        "optedOut",
                        String.valueOf(offers)));
        JsonNode contact = admin.get("/api/mailing-contacts/" + id).json();
        assertThat(contact.get("name").asString()).isEqualTo("Ann Smith");
        assertThat(contact.get("listIds").valueStream().map(JsonNode::asLong)).containsExactlyInAnyOrder(news, offers);
        assertThat(contact.get("optedOutListIds").valueStream().map(JsonNode::asLong))
                .containsExactly(offers);

        Document contacts = session.document(MailingContactsController.PATH + "?search=ann+smith&listId=" + offers);
        assertThat(contacts.select("#contact-" + id).text()).contains("Ann Smith", "Offers " + unique, "opted out");

        admin.post("/api/mailing-contacts", Map.of("email", "taken." + unique + "@example.com"));
        FormSession.Page taken =
                session.post(contactPage, Map.of("name", "Ann", "email", "TAKEN." + unique + "@example.com"));
        assertThat(Jsoup.parse(taken.body()).select("#email-error").text()).contains("has the address");
    }

    @Test
    void anImportShowsItsProgressWhileItRunsThenItsReport() throws Exception {
        long listId = admin.post("/api/mailing-lists", Map.of("name", "Import " + unique))
                .id();
        PipedOutputStream file = new PipedOutputStream();
        PipedInputStream upload = new PipedInputStream(file, 1 << 20);
        CompletableFuture<ContactImport> running =
                CompletableFuture.supplyAsync(() -> imports.importNow(listId, upload, null, "piped.csv", "admin"));
        write(file, "name,email\n");
        for (int row = 1; row <= 1500; row++) {
            write(file, "Contact " + row + ",row-" + row + "." + unique + "@example.com\n");
        }
        // the file is half written: the import waits for the rest after its first batch
        await().atMost(Duration.ofSeconds(20))
                .until(() -> imports.ofList(listId, 1).get(0).rowsRead() == 1000);
        long importId = imports.ofList(listId, 1).get(0).id();
        String importPage = MailingListPage.path(listId) + "/imports/" + importId;

        Element progress = fragment(importPage + "/progress");
        assertThat(progress.attr("hx-trigger")).isEqualTo("every 1s");
        assertThat(progress.attr("hx-get")).isEqualTo(importPage + "/progress");
        assertThat(progress.select("#import-status").text()).isEqualTo("Importing: 1000 rows read.");
        assertThat(progress.select("#import-report")).isEmpty();

        write(file, "Twice,row-1." + unique + "@example.com\nBad,not-an-address\n");
        file.close();
        assertThat(running.get().state()).isEqualTo(ContactImport.State.DONE);
        Element report = fragment(importPage + "/progress");
        assertThat(report.hasAttr("hx-trigger"))
                .as("the report ends the polling")
                .isFalse();
        assertThat(report.select("#import-status").text()).isEqualTo("Done: 1502 rows read.");
        assertThat(report.select("#import-bar").attr("value")).isEqualTo("100");
        assertThat(report.select("#report-created").text()).isEqualTo("1500");
        assertThat(report.select("#report-refused").text()).isEqualTo("2");
        assertThat(report.select("#refused-lines tbody tr").eachText())
                .containsExactly(
                        "1502 duplicate of line 2 (row-1." + unique + "@example.com)",
                        "1503 'not-an-address' is not a valid email address: Missing final '@domain'");

        Document page = session.document(importPage);
        assertThat(page.select("#import-progress #report-created").text()).isEqualTo("1500");
        assertThat(session.document(MailingListPage.path(listId))
                        .select("#import-" + importId)
                        .text())
                .contains("piped.csv", "done", "1500");
    }

    @Test
    void anUploadedFileIsImportedInTheBackgroundAndAFileWithoutAddressesRefused() {
        long listId = admin.post("/api/mailing-lists", Map.of("name", "Upload " + unique))
                .id();
        String listPage = MailingListPage.path(listId);
        session.document(listPage);
        FormSession.Page refused = session.postMultipart(
                listPage + "/imports",
                Map.of(),
                List.of(new FormSession.Upload(
                        "file", "phones.csv", "text/csv", "name;phone\nAnn;123\n".getBytes(StandardCharsets.UTF_8))));
        assertThat(refused.status()).isEqualTo(200);
        assertThat(Jsoup.parse(refused.body()).select("#file-error").text())
                .startsWith("the header row (line 1) names no email column");

        String csv =
                "Name;Email;City\nBea;bea." + unique + "@example.com;Lyon\nCid;cid." + unique + "@example.com;Oslo\n";
        FormSession.Page started = session.postMultipart(
                listPage + "/imports",
                Map.of(),
                List.of(new FormSession.Upload(
                        "file", "contacts.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8))));
        assertThat(started.status()).isEqualTo(302);
        String importPage = started.location().substring(started.location().indexOf("/web/"));
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> fragment(importPage + "/progress")
                                .select("#report-created")
                                .text(),
                        "2"::equals);
        assertThat(session.document(importPage).select("h2").text()).contains("contacts.csv");
        assertThat(admin.get("/api/mailing-lists/" + listId)
                        .json()
                        .get("contactCount")
                        .asLong())
                .isEqualTo(2);
    }

    @Test
    void emailMarketingIsHiddenFromUsersAndRefusedThem() {
        assertThat(session.document("/web").select("#menu-marketing").attr("href"))
                .isEqualTo(WebSecurity.MARKETING);
        assertThat(session.get(WebSecurity.MARKETING).location()).endsWith(MailingListsController.PATH);

        FormSession user = new FormSession(port);
        user.login(WebUsers.plainUser(admin), WebUsers.USER_PASSWORD);
        assertThat(user.document("/web").select("#menu-marketing")).isEmpty();
        for (String page :
                List.of(MailingListsController.PATH, MailingContactsController.PATH, WebSecurity.MARKETING)) {
            FormSession.Page answer = user.get(page);
            assertThat(answer.status()).as(page).isEqualTo(403);
            assertThat(Jsoup.parse(answer.body()).select("main").text())
                    .contains("Email Marketing is for administrators and marketing users");
        }
    }

    /** The progress section as htmx asks for it. */
    private Element fragment(String path) {
        FormSession.Page answer = session.get(path, Map.of("HX-Request", "true"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return Jsoup.parse(answer.body()).selectFirst("#import-progress");
    }

    private static String created(FormSession.Page answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(302);
        return answer.location().substring(answer.location().indexOf("/web/"));
    }

    private static void write(PipedOutputStream file, String text) throws IOException {
        file.write(text.getBytes(StandardCharsets.UTF_8));
        file.flush();
    }
}
