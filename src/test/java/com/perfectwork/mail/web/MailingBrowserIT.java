package com.perfectwork.mail.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.perfectwork.mail.ApiClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Email Marketing as a marketing user sees it, in Chromium: a list created, a CSV file imported into it. */
@com.perfectwork.mail.ApiTest
class MailingBrowserIT {

    static final int ROWS = 10_000;

    @LocalServerPort
    int port;

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
}
