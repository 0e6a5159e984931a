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
    static GreenMailExtension smtp = new GreenMailExtension(new com.icegreen.greenmail.util.ServerSetup[] {
        ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()
    });

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
            admin.get("/api/incoming-servers")
                    .json()
                    .valueStream()
                    .forEach(server -> admin.delete(
                            "/api/incoming-servers/" + server.get("id").asLong()));
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

    /**
     * The reply path as an administrator sets it up and a user sees it: an incoming IMAP server made on its form,
     * Test &amp; Confirm, a follower's reply waiting in the catchall mailbox, Fetch Now, and the reply in the
     * record's thread, marked as received by email.
     */
    @Test
    void aReplyFetchedWithFetchNowShowsInTheChatter() throws Exception {
        smtp.setUser("catchall@mycompany.example", "catchall", "catchall-secret");
        fixture.server("GreenMail", smtp.getSmtp().getPort(), null, 10, Map.of());
        long record =
                fixture.record("Reply lead " + UUID.randomUUID().toString().substring(0, 6));
        String follower = fixture.follower(record, "Rita Replier", "customer.example")
                .get("email")
                .asString();
        fixture.post(record, fixture.author("Ann Seller", "mycompany.example"), "Delivery date", "<p>Friday?</p>");
        await().atMost(Duration.ofSeconds(15)).until(() -> smtp.getReceivedMessagesForDomain(follower).length == 1);
        MimeMessage notification = smtp.getReceivedMessagesForDomain(follower)[0];

        browser.login("admin", ApiTest.ADMIN_PASSWORD)
                .open("/web/settings/incoming-servers")
                .click("new-server");
        browser.type("name", "Catchall mailbox")
                .select("protocol", "imap")
                .select("security", "none")
                .type("host", "127.0.0.1")
                .type("port", Integer.toString(smtp.getImap().getPort()))
                .type("username", "catchall")
                .type("password", "catchall-secret")
                .type("folder", "INBOX")
                .click("save");
        browser.waitForText("flash", "Saved");
        browser.click("test-confirm");
        assertThat(browser.waitForText("test-message", "Connection Test Successful!"))
                .contains("logged in as catchall");

        jakarta.mail.Session session = smtp.getSmtp().createSession();
        MimeMessage reply = new MimeMessage(session);
        reply.setFrom(follower);
        reply.setRecipients(jakarta.mail.Message.RecipientType.TO, "catchall@mycompany.example");
        reply.setSubject("Re: " + notification.getSubject());
        reply.setHeader("In-Reply-To", notification.getMessageID());
        reply.setHeader("References", notification.getMessageID());
        reply.setText("Friday works for us, before noon please.\n\nOn Tuesday Ann Seller wrote:\n> Friday?\n");
        jakarta.mail.Transport.send(reply);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> smtp.getReceivedMessagesForDomain("catchall@mycompany.example").length == 1);

        browser.click("fetch-now");
        assertThat(browser.waitForText("flash", "Fetch Now:")).doesNotContain("failed 1");

        browser.open("/web/records/crm.lead/" + record);
        String thread = browser.waitForText("thread", "Friday works for us");
        assertThat(thread).contains("received by email", "Rita Replier");
    }

    /**
     * At a phone's width every page fits: nothing wider than the screen but the tables, which scroll inside
     * their own box. Checked at 1280 px as well, the width the other scenarios run at.
     */
    @Test
    void thePagesFitAPhoneWidthAndA1280Screen() {
        long record = fixture.record("A record with a rather long name to see it wrap on a phone screen");
        fixture.follower(record, "Philippa Phone", "customer.example");
        fixture.post(record, fixture.author("Ann Seller", "mycompany.example"), "Width", "<p>Fits?</p>");
        browser.login("admin", ApiTest.ADMIN_PASSWORD);
        java.util.List<String> pages = java.util.List.of(
                "/web/records/crm.lead/" + record,
                "/web/records/crm.lead",
                "/web/dashboard",
                "/web/settings",
                "/web/settings/outgoing-servers/new",
                "/web/settings/incoming-servers/new",
                "/web/technical/emails?debug=1",
                "/web/technical/incoming-log",
                "/web/technical/scheduled-actions");
        for (int width : new int[] {390, 1280}) {
            browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(width, 844));
            for (String page : pages) {
                browser.open(page);
                Object overflow = ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                        .executeScript(
                                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                assertThat(((Number) overflow).longValue())
                        .as(page + " at " + width + " px: wider than the screen by")
                        .isLessThanOrEqualTo(0);
            }
        }
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        browser.open("/web/records/crm.lead/" + record);
    }
}
