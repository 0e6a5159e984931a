package com.perfectwork.mail.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.OutgoingFixture;
import com.perfectwork.mail.ReceivedMail;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Email Marketing as a marketing user sees it, in Chromium: a list created, a CSV file imported into it; a mailing
 * written, tested, sent and followed to its end, then unsubscribed from as its recipient.
 */
@com.perfectwork.mail.ApiTest
class MailingBrowserIT {

    static final int ROWS = 10_000;

    @LocalServerPort
    int port;

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    ApiClient admin;
    Browser browser;
    Path csv;

    @BeforeAll
    static void needsChromium() {
        assumeTrue(Browser.available(), "Debian's chromium and chromium-driver are not installed");
    }

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        browser = new Browser(port);
    }

    @AfterEach
    void tearDown(TestInfo test) throws IOException {
        try {
            browser.screenshot(test.getTestMethod().orElseThrow().getName());
        } finally {
            browser.close();
            if (csv != null) {
                Files.deleteIfExists(csv);
            }
        }
    }

    @Test
    void aListIsCreatedAndAFileImportedIntoItWithItsProgressThenItsReport() throws IOException {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder rows = new StringBuilder("Name,Email,Phone\n");
        for (int row = 1; row <= ROWS; row++) {
            String email = row % 2500 == 0 ? "no-address-" + row : "browser-" + row + "." + unique + "@example.com";
            rows.append("Contact ").append(row).append(',').append(email).append(",555-0100\n");
        }
        csv = Files.writeString(Files.createTempFile("contacts-" + unique, ".csv"), rows);

        browser.login(WebUsers.marketingUser(admin), WebUsers.USER_PASSWORD).click("menu-marketing");
        assertThat(browser.element("lists-title").getText()).isEqualTo("Mailing Lists");
        browser.type("name", "Browser " + unique).click("create-list");
        assertThat(browser.waitForText("flash", "Created"))
                .isEqualTo("Created the mailing list Browser " + unique + ".");

        browser.element("file").sendKeys(csv.toAbsolutePath().toString());
        browser.click("import");
        assertThat(browser.element("import-bar").getTagName()).isEqualTo("progress");
        assertThat(browser.element("import-status").getText())
                .matches("Importing: \\d+ rows read \\(\\d+ %\\)\\.|Done: " + ROWS + " rows read\\.");

        // the page polls the import's progress until its report replaces the bar's status
        browser.waitForText("import-status", "Done: " + ROWS + " rows read.");
        browser.screenshot("aFileImportedIntoAListShowsItsReport");
        assertThat(browser.element("import-bar").getDomProperty("value")).isEqualTo("100");
        assertThat(browser.element("report-created").getText()).isEqualTo(String.valueOf(ROWS - 4));
        assertThat(browser.element("report-refused").getText()).isEqualTo("4");
        assertThat(browser.element("refused-lines").getText())
                .contains("2501 'no-address-2500' is not a valid email address");

        browser.click("back-to-list");
        assertThat(browser.element("contact-count").getText()).isEqualTo(String.valueOf(ROWS - 4));
        assertThat(browser.element("latest-imports").getText())
                .contains(csv.getFileName().toString(), "done");
    }

    @Test
    void aMailingIsWrittenTestedSentFollowedAndUnsubscribedFrom() throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        new OutgoingFixture(admin)
                .noServers()
                .catchallDomain("mycompany.example")
                .server("company", smtp.getSmtp().getPort(), null, 10, Map.of());
        long list = admin.post("/api/mailing-lists", Map.of("name", "Readers " + unique))
                .id();
        String reader = "reader." + unique + "@customer.example";
        admin.post("/api/mailing-contacts", Map.of("name", "Reader", "email", reader, "listIds", List.of(list)));
        String tester = "tester." + unique + "@mycompany.example";

        browser.login(WebUsers.marketingUser(admin), WebUsers.USER_PASSWORD).click("menu-marketing");
        browser.click("submenu-mailings").click("new-mailing");
        browser.type("subject", "Autumn news " + unique).type("emailFrom", "news@mycompany.example");
        browser.click("list-" + list);
        browser.element("body-editor").sendKeys("Our autumn collection is here.");
        browser.click("save");
        assertThat(browser.waitForText("flash", "Saved")).isEqualTo("Saved the draft.");

        browser.type("testEmails", tester).click("test-send");
        assertThat(browser.waitForText("flash", "test")).isEqualTo("Saved, and queued 1 test mail(s).");
        received(tester);

        browser.click("send");
        // the page polls the progress while the mailing sends, until it is done
        browser.waitForText("mailing-state", "done");
        assertThat(browser.element("count-sent").getText()).isEqualTo("1");
        assertThat(browser.element("count-total").getText()).isEqualTo("1");
        assertThat(browser.has("cancel")).as("nothing left to cancel").isFalse();
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> "true".equals(browser.element("mailing-chart").getDomAttribute("data-drawn")));
        browser.screenshot("aSentMailingShowsItsProgressAndChart");

        MimeMessage mail = received(reader);
        Matcher url = Pattern.compile("<(http[^>]+)>").matcher(mail.getHeader("List-Unsubscribe", null));
        assertThat(url.find()).isTrue();
        browser.driver().get(url.group(1));
        assertThat(browser.element("unsubscribe-email").getText()).isEqualTo(reader);
        browser.click("unsubscribe-list");
        assertThat(browser.waitForText("unsubscribe-done", "unsubscribed")).startsWith("You are unsubscribed");
        assertThat(browser.element("unsubscribe-lists").getText()).contains("Readers " + unique + " No");
        browser.click("unsubscribe-come-back");
        assertThat(browser.waitForText("unsubscribe-back", "Welcome back")).isNotEmpty();
        assertThat(browser.element("unsubscribe-lists").getText()).contains("Readers " + unique + " Yes");
    }

    private static MimeMessage received(String recipient) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> ReceivedMail.to(smtp.getReceivedMessages(), recipient), mails -> !mails.isEmpty())
                .get(0);
    }
}
