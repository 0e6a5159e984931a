package com.perfectwork.mail.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.OutgoingFixture;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Settings ‣ Discuss and its outgoing servers as an administrator (and a user) sees them, in Chromium. */
@ApiTest
class SettingsBrowserIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @LocalServerPort
    int port;

    ApiClient admin;
    OutgoingFixture fixture;
    Browser browser;
    String aliasDomainBefore;
    String customServersBefore;

    @BeforeAll
    static void needsChromium() {
        assumeTrue(Browser.available(), "Debian's chromium and chromium-driver are not installed");
    }

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        fixture = new OutgoingFixture(admin).noServers();
        aliasDomainBefore = parameter("mail.catchall.domain");
        customServersBefore = parameter("mail.custom.servers");
        browser = new Browser(port);
    }

    @AfterEach
    void tearDown(TestInfo test) throws IOException {
        try {
            browser.screenshot(test.getTestMethod().orElseThrow().getName());
        } finally {
            browser.close();
            fixture.noServers();
            fixture.parameter("mail.catchall.domain", aliasDomainBefore);
            fixture.parameter("mail.custom.servers", customServersBefore);
        }
    }

    @Test
    void theAliasDomainIsSavedAndAWrongOneIsShownNextToItsField() {
        browser.login("admin", ApiTest.ADMIN_PASSWORD).click("menu-settings");
        assertThat(browser.path()).isEqualTo("/web/settings");

        browser.type("aliasDomain", "ui-test.example.com").click("save");
        assertThat(browser.waitForText("flash", "Settings saved.")).isEqualTo("Settings saved.");
        assertThat(browser.element("aliasDomain").getDomProperty("value")).isEqualTo("ui-test.example.com");
        assertThat(parameter("mail.catchall.domain")).isEqualTo("ui-test.example.com");

        browser.type("aliasDomain", "not a domain!").click("save");
        assertThat(browser.element("aliasDomain-error").getText()).isNotBlank();
        assertThat(browser.element("aliasDomain").getDomAttribute("aria-describedby"))
                .isEqualTo("aliasDomain-error");
        assertThat(browser.element("aliasDomain").getDomProperty("value")).isEqualTo("not a domain!");
        assertThat(parameter("mail.catchall.domain")).isEqualTo("ui-test.example.com");
    }

    @Test
    void developerModeShowsTheTechnicalMenuUntilItIsSwitchedOff() {
        browser.login("admin", ApiTest.ADMIN_PASSWORD).open("/web/settings");
        assertThat(browser.has("menu-technical")).isFalse();

        browser.open("/web/settings?debug=1");
        assertThat(browser.has("menu-technical")).isTrue();
        browser.open("/web").click("menu-technical");
        assertThat(browser.element("technical-title").getText()).isEqualTo("Technical");

        browser.open("/web/settings?debug=0");
        assertThat(browser.has("menu-technical")).isFalse();
        browser.click("developer-mode");
        assertThat(browser.has("menu-technical")).isTrue();
        browser.click("developer-mode");
        assertThat(browser.has("menu-technical")).isFalse();
    }

    @Test
    void theCustomEmailServersSwitchShowsOrHidesTheServerLinks() {
        fixture.parameter("mail.custom.servers", "false");
        browser.login("admin", ApiTest.ADMIN_PASSWORD).open("/web/settings");
        assertThat(browser.has("link-outgoing")).isFalse();

        browser.click("customServers").click("save");
        browser.waitForText("flash", "Settings saved.");
        assertThat(browser.has("link-outgoing")).isTrue();
        assertThat(browser.has("link-incoming")).isTrue();
        assertThat(parameter("mail.custom.servers")).isEqualTo("true");
    }

    @Test
    void aServerOnGreenMailPassesTestConnectionInPlaceAndIsDeletedAfterConfirmation() {
        fixture.parameter("mail.custom.servers", "true");
        browser.login("admin", ApiTest.ADMIN_PASSWORD).open("/web/settings").click("link-outgoing");
        assertThat(browser.element("empty-state").getText()).contains("No outgoing server yet");

        browser.click("new-server");
        fillServer("GreenMail", smtp.getSmtp().getPort());
        browser.click("save");
        assertThat(browser.waitForText("flash", "Saved")).contains("GreenMail");
        String page = browser.path();

        browser.click("test-connection");
        assertThat(browser.waitForText("test-message", "Connection Test Successful"))
                .contains("127.0.0.1:" + smtp.getSmtp().getPort());
        assertThat(browser.path()).as("answered in place").isEqualTo(page);

        browser.click("delete-server");
        browser.click("confirm-delete");
        assertThat(browser.waitForText("flash", "Deleted")).contains("GreenMail");
        assertThat(browser.has("empty-state")).isTrue();
    }

    @Test
    void aServerOnAClosedPortShowsTheFailureOfTestConnection() throws IOException {
        browser.login("admin", ApiTest.ADMIN_PASSWORD).open(OutgoingServersController.PATH + "/new");
        fillServer("Closed", WebAccessIT.closedPort());
        browser.click("save");
        browser.waitForText("flash", "Saved");

        browser.click("test-connection");
        assertThat(browser.waitForText("test-message", "Could not connect")).contains("127.0.0.1");
        assertThat(browser.element("test-message").getDomAttribute("class")).contains("error");
    }

    @Test
    void aWrongServerFieldIsShownNextToIt() {
        browser.login("admin", ApiTest.ADMIN_PASSWORD).open(OutgoingServersController.PATH + "/new");
        fillServer("Wrong port", 25);
        browser.type("port", "abc").type("password", "never-shown-1").click("save");
        assertThat(browser.element("port-error").getText()).contains("whole number");
        assertThat(browser.element("password").getDomProperty("value")).isEmpty();
        assertThat(admin.get("/api/mail-servers").json().size()).isZero();
    }

    @Test
    void aUserWithoutTheAdminRoleGetsTheAccessDeniedPageOnEverySettingsPage() {
        browser.login(WebUsers.plainUser(admin), WebUsers.USER_PASSWORD);
        assertThat(browser.has("menu-settings")).isFalse();
        for (String page : WebAccessIT.ADMIN_PAGES) {
            browser.open(page);
            assertThat(browser.element("error-title").getText()).as(page).isEqualTo("Access denied");
        }
    }

    @Test
    void anAddressIsBlacklistedAndUnBlacklistedFromTheTechnicalMenu() {
        String email = "browser-trap." + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        browser.login("admin", ApiTest.ADMIN_PASSWORD)
                .open("/web/technical?debug=1")
                .click("link-blacklist");
        browser.type("email", "not an address").click("add-to-blacklist");
        assertThat(browser.element("email-error").getText()).isNotBlank();

        browser.type("email", email).type("reason", "spam trap").click("add-to-blacklist");
        assertThat(browser.waitForText("flash", "Blacklisted")).contains(email);
        assertThat(browser.element("entry-notes").getText()).contains("Blacklisted by admin: spam trap");

        browser.type("note", "asked to hear from us").click("remove-from-blacklist");
        assertThat(browser.waitForText("flash", "no longer blacklisted")).startsWith(email);
        assertThat(browser.element("entry-state").getText()).isEqualTo("Removed from the blacklist");
        assertThat(browser.element("entry-notes").getText())
                .contains("Removed from the blacklist by admin: asked to hear from us");
        assertThat(admin.get("/api/blacklist?active=true&search=" + email)
                        .json()
                        .size())
                .isZero();
    }

    @Test
    void theFetchmailIntervalIsChangedOnTheScheduledActionsPage() {
        JsonNode fetchmail = admin.get("/api/scheduled-actions")
                .json()
                .valueStream()
                .filter(a -> a.get("code").asString().equals("mail_fetchmail"))
                .findFirst()
                .orElseThrow();
        try {
            browser.login("admin", ApiTest.ADMIN_PASSWORD).open("/web?debug=1").click("menu-technical");
            browser.click("link-scheduled-actions").click("action-mail_fetchmail");
            browser.type("intervalNumber", "10")
                    .select("intervalType", "minutes")
                    .click("save");
            assertThat(browser.waitForText("flash", "Saved"))
                    .isEqualTo("Saved Mail: Fetchmail Service: every 10 minutes.");
            assertThat(browser.element("every-mail_fetchmail").getText()).isEqualTo("10 minutes");
            assertThat(admin.get("/api/scheduled-actions/" + fetchmail.get("id").asLong())
                            .json()
                            .get("intervalNumber")
                            .asInt())
                    .isEqualTo(10);
        } finally {
            admin.put(
                    "/api/scheduled-actions/" + fetchmail.get("id").asLong(),
                    Map.of(
                            "intervalNumber", fetchmail.get("intervalNumber").asInt(),
                            "intervalType", fetchmail.get("intervalType").asString()));
        }
    }

    private void fillServer(String name, int smtpPort) {
        browser.type("name", name)
                .type("host", "127.0.0.1")
                .select("encryption", "none")
                .type("port", Integer.toString(smtpPort))
                .select("authentication", "none")
                .type("priority", "10");
    }

    private String parameter(String key) {
        ApiClient.Response response = admin.get("/api/config-parameters/" + key);
        return response.status() == 404 ? null : response.json().get("value").asString();
    }
}
