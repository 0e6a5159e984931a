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

/** The Inbox page over HTTP: the menu's unread count, the list, mark read, mark all read, star, opening a record. */
@ApiTest
class InboxPagesIT {

    @LocalServerPort
    int port;

    ApiClient admin;
    FormSession user;
    long record;
    String recordName;

    @BeforeEach
    void anInboxUserFollowingARecord() {
        admin = ApiClient.admin(port);
        String login = WebUsers.plainUser(admin);
        long userId = admin.get("/api/users")
                .json()
                .valueStream()
                .filter(u -> u.get("login").asString().equals(login))
                .findFirst()
                .orElseThrow()
                .get("id")
                .asLong();
        ApiClient.Response changed = admin.put("/api/users/" + userId, Map.of("notificationPreference", "inbox"));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        recordName = "Inbox page " + UUID.randomUUID().toString().substring(0, 8);
        record = admin.post("/api/records", Map.of("model", "crm.lead", "name", recordName))
                .id();
        admin.post(
                "/api/records/" + record + "/followers",
                Map.of("partnerId", changed.json().get("partnerId").asLong()));
        user = new FormSession(port);
        user.login(login, WebUsers.USER_PASSWORD);
    }

    @Test
    void theInboxListsNewMessagesWithTheirCountAndMarksThemReadAndStarred() {
        Document empty = user.document(InboxPageController.PATH);
        assertThat(empty.select("#menu-inbox").text()).isEqualTo("Inbox");
        assertThat(empty.select("#empty-state").text()).contains("your inbox is empty");

        long first = comment("<p>Can you deliver 50 chairs?</p>");
        long second = comment("<p>By Friday, please.</p>");
        Document inbox = user.document(InboxPageController.PATH);
        assertThat(inbox.select("#inbox-counter").text()).isEqualTo("2");
        assertThat(inbox.select("#inbox tbody tr").eachAttr("id")).containsExactly("inbox-" + second, "inbox-" + first);
        assertThat(inbox.select("#inbox-" + first).text()).contains(recordName, "Can you deliver 50 chairs?");
        assertThat(inbox.select("#inbox-" + first + " a").attr("href"))
                .isEqualTo("/web/records/crm.lead/" + record + "#message-" + first);

        assertThat(user.post(InboxPageController.PATH + "/" + first + "/read", Map.of())
                        .status())
                .isEqualTo(302);
        Document afterRead = user.document(InboxPageController.PATH + "?view=unread");
        assertThat(afterRead.select("#inbox-counter").text()).isEqualTo("1");
        assertThat(afterRead.select("#inbox tbody tr").eachAttr("id")).containsExactly("inbox-" + second);

        user.post(InboxPageController.PATH + "/" + first + "/star", Map.of("starred", "true"));
        assertThat(user.document(InboxPageController.PATH + "?view=starred")
                        .select("#inbox tbody tr")
                        .eachAttr("id"))
                .containsExactly("inbox-" + first);
        user.post(InboxPageController.PATH + "/" + first + "/star", Map.of("starred", "false"));
        assertThat(user.document(InboxPageController.PATH + "?view=starred")
                        .select("#empty-state")
                        .text())
                .contains("No starred message");

        user.post(InboxPageController.PATH + "/read-all", Map.of());
        Document allRead = user.document(InboxPageController.PATH + "?view=unread");
        assertThat(allRead.select("#inbox-counter")).isEmpty();
        assertThat(allRead.select("#empty-state")).isNotEmpty();
    }

    @Test
    void openingTheRecordMarksItsMessagesRead() {
        long id = comment("<p>Read me where I was posted.</p>");
        assertThat(user.document(InboxPageController.PATH)
                        .select("#inbox-counter")
                        .text())
                .isEqualTo("1");
        Document opened = user.document("/web/records/crm.lead/" + record);
        assertThat(opened.select("#message-" + id)).isNotEmpty();
        assertThat(opened.select("#inbox-counter")).isEmpty();
        assertThat(user.document(InboxPageController.PATH)
                        .select("#inbox-" + id)
                        .hasClass("read"))
                .isTrue();
    }

    @Test
    void aMessageOfAnotherInboxCannotBeMarked() {
        long notMine = admin.post("/api/records/" + record + "/messages", Map.of("body", "a note", "type", "note"))
                .json()
                .get("id")
                .asLong();
        user.document(InboxPageController.PATH); // the form's CSRF token
        assertThat(user.post(InboxPageController.PATH + "/" + notMine + "/read", Map.of())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anUnchangedInboxAnswersItsPollsWithNothing() {
        comment("<p>Already there.</p>");
        Document elsewhere = user.document("/web/records");
        String counterPoll = elsewhere.select("#inbox-live").attr("hx-get");
        assertThat(counterPoll).startsWith(InboxPageController.PATH + "/counter?version=");
        Document inbox = user.document(InboxPageController.PATH);
        String listPoll = inbox.select("#inbox-list").attr("hx-get");
        assertThat(listPoll).startsWith(InboxPageController.PATH + "/live?view=all&version=");
        assertThat(inbox.select("#inbox-live").attr("hx-get"))
                .as("the list brings the counter")
                .isEmpty();

        for (String poll : new String[] {counterPoll, listPoll}) {
            FormSession.Page answer = user.get(poll, Map.of("HX-Request", "true"));
            assertThat(answer.status()).as(poll).isEqualTo(204);
            assertThat(answer.body()).as(poll).isEmpty();
        }
    }

    @Test
    void aNewMessageChangesThePollsAnswerToTheNewCountAndRow() {
        long first = comment("<p>The first one.</p>");
        String counterPoll = user.document("/web/records").select("#inbox-live").attr("hx-get");
        String listPoll = user.document(InboxPageController.PATH + "?view=unread")
                .select("#inbox-list")
                .attr("hx-get");

        long second = comment("<p>A second one, while the page is open.</p>");
        FormSession.Page counter = user.get(counterPoll, Map.of("HX-Request", "true"));
        assertThat(counter.status()).isEqualTo(200);
        Document counted = Jsoup.parseBodyFragment(counter.body());
        assertThat(counted.select("#inbox-counter").text()).isEqualTo("2");
        assertThat(counted.select("#inbox-live").attr("hx-get"))
                .as("polls on with the new version")
                .isNotEqualTo(counterPoll)
                .startsWith(InboxPageController.PATH + "/counter?version=");

        FormSession.Page list = user.get(listPoll, Map.of("HX-Request", "true"));
        assertThat(list.status()).isEqualTo(200);
        Document listed = Jsoup.parseBodyFragment(list.body());
        assertThat(listed.select("#inbox tbody tr").eachAttr("id"))
                .containsExactly("inbox-" + second, "inbox-" + first);
        assertThat(listed.select("#inbox-live[hx-swap-oob] #inbox-counter").text())
                .isEqualTo("2");
        assertThat(user.get(listed.select("#inbox-list").attr("hx-get"), Map.of("HX-Request", "true"))
                        .status())
                .as("the new version, polled again")
                .isEqualTo(204);
    }

    private long comment(String body) {
        ApiClient.Response posted =
                admin.post("/api/records/" + record + "/messages", Map.of("body", body, "type", "comment"));
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        return posted.json().get("id").asLong();
    }
}
