package com.perfectwork.mail.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.OutgoingFixture;
import com.perfectwork.mail.ScriptedSmtpServer;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A record's chatter as a user works in it, in Chromium: New, a follower, a message mailed, a refused delivery. */
@ApiTest
class ChatterBrowserIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @LocalServerPort
    int port;

    ApiClient admin;
    OutgoingFixture fixture;
    Browser browser;
    ScriptedSmtpServer scripted;
    String aliasDomainBefore;

    @BeforeAll
    static void needsChromium() {
        assumeTrue(Browser.available(), "Debian's chromium and chromium-driver are not installed");
    }

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        ApiClient.Response domain = admin.get("/api/config-parameters/mail.catchall.domain");
        aliasDomainBefore =
                domain.status() == 404 ? null : domain.json().get("value").asString();
        fixture = new OutgoingFixture(admin).noServers().catchallDomain("mycompany.example");
        browser = new Browser(port);
    }

    @AfterEach
    void tearDown(TestInfo test) throws IOException {
        try {
            browser.screenshot(test.getTestMethod().orElseThrow().getName());
        } finally {
            browser.close();
            fixture.noServers().catchallDomain(aliasDomainBefore);
            if (scripted != null) {
                scripted.close();
            }
        }
    }

    @Test
    void aMessageReachesTheFollowersMailboxAndARefusedDeliveryShowsTheRedEnvelope() throws Exception {
        fixture.server("GreenMail", smtp.getSmtp().getPort(), null, 10, Map.of());
        browser.login("admin", ApiTest.ADMIN_PASSWORD).click("menu-records");
        browser.type("model", "crm.lead").click("open-model-submit");
        browser.click("new-record");
        String name = "Browser lead " + UUID.randomUUID().toString().substring(0, 6);
        browser.type("name", name).click("create-record");
        assertThat(browser.waitForText("flash", "Created")).contains(name);
        assertThat(browser.element("record-title").getText()).isEqualTo(name);

        String follower = "fay." + UUID.randomUUID().toString().substring(0, 6) + "@customer.example";
        browser.type("followerEmail", follower)
                .type("followerName", "Fay Follower")
                .click("add-follower-submit");
        assertThat(browser.waitForText("flash", "now follows")).contains("Fay Follower");

        Path file = Files.writeString(Files.createTempFile("agenda", ".txt"), "1. the plan\n");
        browser.type("body", "Hello Fay,\nhere is the agenda.");
        browser.element("attachments").sendKeys(file.toAbsolutePath().toString());
        browser.click("send-message");
        assertThat(browser.waitForText("flash", "Message sent")).isEqualTo("Message sent to the followers.");
        assertThat(browser.element("thread").getText())
                .contains("here is the agenda.", file.getFileName().toString());

        await().atMost(Duration.ofSeconds(15)).until(() -> smtp.getReceivedMessagesForDomain(follower).length == 1);
        MimeMessage received = smtp.getReceivedMessagesForDomain(follower)[0];
        assertThat(GreenMailUtil.getBody(received)).contains("here is the agenda.");

        // the next delivery goes to a server that refuses the new follower
        String refused = "gone." + UUID.randomUUID().toString().substring(0, 6) + "@customer.example";
        scripted = ScriptedSmtpServer.start().refuseRecipient(refused, 550, "5.1.1 No such user here");
        fixture.noServers().server("refusing", scripted.port(), null, 10, Map.of());
        browser.type("followerEmail", refused).type("followerName", "Gone Away").click("add-follower-submit");
        browser.waitForText("flash", "now follows");
        browser.type("body", "Are you still there?").click("send-message");
        browser.waitForText("flash", "Message sent");

        // no reload: the polled thread brings the envelope in once the delivery failed
        assertThat(browser.waitForText("thread", "Delivery failed")).contains("Are you still there?");
        browser.driver().findElement(By.cssSelector("details.envelope summary")).click();
        String details =
                browser.driver().findElement(By.cssSelector("details.envelope")).getText();
        assertThat(details).contains(refused, "550", "Retry", "Cancel");
    }
}
