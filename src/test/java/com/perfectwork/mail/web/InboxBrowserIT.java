package com.perfectwork.mail.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The Inbox as a user lives with it, in Chromium: a colleague's comment appears in the list and the menu's counter
 * rises without a reload; opening it marks it read; on a record's page, the counter rises too.
 */
@ApiTest
class InboxBrowserIT {

    @LocalServerPort
    int port;

    @BeforeAll
    static void needsChromium() {
        assumeTrue(Browser.available(), "Debian's chromium and chromium-driver are not installed");
    }

    @Test
    void aColleaguesCommentArrivesWithoutAReloadAndOpeningItMarksItRead() throws IOException {
        ApiClient admin = ApiClient.admin(port);
        String reader = WebUsers.plainUser(admin);
        JsonNode readerAccount = user(admin, reader);
        assertThat(admin.put(
                                "/api/users/" + readerAccount.get("id").asLong(),
                                Map.of("notificationPreference", "inbox"))
                        .status())
                .isEqualTo(200);
        String writer = WebUsers.plainUser(admin);
        long first = record(admin, readerAccount, user(admin, writer));
        long second = record(admin, readerAccount, user(admin, writer));
        ApiClient colleague = ApiClient.basic(port, writer, WebUsers.USER_PASSWORD);

        try (Browser browser = new Browser(port)) {
            try {
                browser.login(reader, WebUsers.USER_PASSWORD).open(InboxPageController.PATH);
                assertThat(browser.element("empty-state").getText()).contains("your inbox is empty");
                assertThat(browser.has("inbox-counter")).isFalse();
                markThePage(browser);

                long message = comment(colleague, first, "<p>Can you call the customer back today?</p>");
                assertThat(browser.waitForText("inbox-counter", "1")).isEqualTo("1");
                assertThat(browser.waitForText("inbox-" + message, "Can you call the customer back today?"))
                        .contains("Wendy User");
                assertThat(stillTheSamePage(browser)).as("no reload").isTrue();

                browser.driver()
                        .findElement(By.cssSelector("#inbox-" + message + " a"))
                        .click();
                assertThat(browser.element("message-" + message).getText()).contains("call the customer back");
                assertThat(browser.has("inbox-counter")).as("read once opened").isFalse();
                assertThat(ApiClient.basic(port, reader, WebUsers.USER_PASSWORD)
                                .get("/api/inbox")
                                .json()
                                .get(0)
                                .get("read")
                                .asBoolean())
                        .isTrue();

                markThePage(browser);
                comment(colleague, second, "<p>And the other lead?</p>");
                assertThat(browser.waitForText("inbox-counter", "1")).isEqualTo("1");
                assertThat(stillTheSamePage(browser)).as("no reload").isTrue();
            } finally {
                browser.screenshot("inboxLiveUpdates");
            }
        }
    }

    private static JsonNode user(ApiClient admin, String login) {
        return admin.get("/api/users")
                .json()
                .valueStream()
                .filter(u -> u.get("login").asString().equals(login))
                .findFirst()
                .orElseThrow();
    }

    /** A record both users follow. */
    private static long record(ApiClient admin, JsonNode reader, JsonNode writer) {
        long record = admin.post(
                        "/api/records",
                        Map.of(
                                "model",
                                "crm.lead",
                                "name",
                                "Inbox lead " + UUID.randomUUID().toString().substring(0, 6)))
                .id();
        for (JsonNode user : new JsonNode[] {reader, writer}) {
            admin.post(
                    "/api/records/" + record + "/followers",
                    Map.of("partnerId", user.get("partnerId").asLong()));
        }
        return record;
    }

    private static long comment(ApiClient author, long record, String body) {
        ApiClient.Response posted =
                author.post("/api/records/" + record + "/messages", Map.of("body", body, "type", "comment"));
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        return posted.json().get("id").asLong();
    }

    /** A mark in the page's window: a reload would lose it. */
    private static void markThePage(Browser browser) {
        ((JavascriptExecutor) browser.driver()).executeScript("window.notReloaded = true;");
    }

    private static boolean stillTheSamePage(Browser browser) {
        return Boolean.TRUE.equals(
                ((JavascriptExecutor) browser.driver()).executeScript("return window.notReloaded === true;"));
    }
}
