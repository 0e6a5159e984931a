package com.perfectwork.mail.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.OutgoingFixture;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Technical ‣ Email ‣ Emails over HTTP: the queue's filters, a mail's page, Retry and Cancel. */
@ApiTest
class EmailQueuePagesIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @LocalServerPort
    int port;

    ApiClient admin;
    OutgoingFixture fixture;
    FormSession session;
    String subject;
    long record;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        fixture = new OutgoingFixture(admin).noServers().catchallDomain("mycompany.example");
        session = new FormSession(port);
        session.login("admin", ApiTest.ADMIN_PASSWORD);
        subject = "Queue page " + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void tearDown() {
        fixture.noServers();
    }

    @Test
    void aQueuedMailIsFoundByItsRecipientAndCanceledFromItsPage() {
        // no server: the mail waits in the queue
        JsonNode follower = queuedMailTo("Quentin Queue");
        String email = follower.get("email").asString();
        long id = fixture.mailTo(email).get("id").asLong();

        Document list = session.document(EmailsController.PATH + "?state=outgoing&search=" + email.toUpperCase());
        assertThat(list.select("#emails tbody tr")).hasSize(1);
        assertThat(list.select("#mail-" + id).text()).contains(email, subject, "outgoing");
        assertThat(session.document(EmailsController.PATH + "?state=sent&search=" + email)
                        .select("#mail-" + id))
                .isEmpty();

        String mailPage = EmailsController.PATH + "/" + id;
        Document details = session.document(mailPage);
        assertThat(details.select("#mail-state").text()).isEqualTo("outgoing");
        assertThat(details.select("#cancel-mail")).hasSize(1);
        assertThat(details.text()).contains("Not attempted yet");
        assertThat(details.select("#mail-record").attr("href")).endsWith("/web/records/crm.lead/" + record);

        FormSession.Page canceled = session.post(mailPage + "/cancel", Map.of());
        assertThat(canceled.status()).isEqualTo(302);
        assertThat(canceled.location()).endsWith(mailPage);
        Document after = session.document(mailPage);
        assertThat(after.select("#flash").text()).isEqualTo("Mail " + id + " is canceled: it will not be sent.");
        assertThat(after.select("#mail-state").text()).isEqualTo("cancel");
        assertThat(after.select("#cancel-mail")).isEmpty();
        assertThat(admin.get("/api/mail-queue/" + id).json().get("state").asString())
                .isEqualTo("cancel");

        session.post(mailPage + "/cancel", Map.of());
        assertThat(session.document(mailPage).select("#flash.error").text())
                .isEqualTo("Not canceled: mail " + id + " is cancel and cannot be canceled.");

        session.post(mailPage + "/retry", Map.of());
        assertThat(session.document(mailPage).select("#flash.ok").text()).contains("is queued again");
        assertThat(admin.get("/api/mail-queue/" + id).json().get("state").asString())
                .isEqualTo("outgoing");
    }

    @Test
    void aSentMailShowsItsLastAttemptAndRefusesRetry() {
        fixture.server("GreenMail", smtp.getSmtp().getPort(), null, 10, Map.of());
        String email = queuedMailTo("Sam Sent").get("email").asString();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> fixture.mailTo(email).get("state").asString().equals("sent"));
        long id = fixture.mailTo(email).get("id").asLong();

        String mailPage = EmailsController.PATH + "/" + id;
        Document details = session.document(mailPage);
        assertThat(details.select("#mail-state").text()).isEqualTo("sent");
        assertThat(details.select("#smtp-reply").text()).startsWith("250");
        assertThat(details.text())
                .contains("GreenMail (127.0.0.1:" + smtp.getSmtp().getPort() + ")");
        assertThat(details.select("#retry-mail")).isEmpty();
        assertThat(details.select("#cancel-mail")).isEmpty();
        assertThat(session.document(EmailsController.PATH + "?state=sent&search="
                                + URLEncoder.encode(subject, StandardCharsets.UTF_8))
                        .select("#mail-" + id))
                .hasSize(1);

        // a page left open while the mail went: the queue's refusal is the message
        session.post(mailPage + "/retry", Map.of());
        assertThat(session.document(mailPage).select("#flash.error").text())
                .isEqualTo("Not retried: mail " + id + " was already sent.");
    }

    @Test
    void aRefusedMailShowsTheSmtpConversationOfItsLastAttempt() {
        // the mail waits for a server; the server that comes refuses its recipient
        String email = queuedMailTo("Rex Refused").get("email").asString();
        try (com.perfectwork.mail.ScriptedSmtpServer refusing = com.perfectwork.mail.ScriptedSmtpServer.start()
                .refuseRecipient(email, 550, "5.1.1 <" + email + ">: Recipient address rejected")) {
            fixture.server("customer mx", refusing.port(), null, 10, Map.of());
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> fixture.mailTo(email).get("state").asString().equals("exception"));
        }
        String transcript = transcriptOf(email);

        assertThat(transcript)
                .contains("S: 220", "C: EHLO ", "C: MAIL FROM:<", "C: RCPT TO:<" + email + ">")
                .contains("S: 550 5.1.1 <" + email + ">: Recipient address rejected")
                .doesNotContain("Hello");
    }

    @Test
    void aRefusedLoginShowsTheConversationWithoutTheCredentials() {
        smtp.setUser("relay@mycompany.example", "relay", "right-password");
        fixture.server(
                "needs a login",
                smtp.getSmtp().getPort(),
                null,
                10,
                Map.of("username", "relay", "password", "wrong-password"));
        String email = queuedMailTo("Lou Login").get("email").asString();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> fixture.mailTo(email).get("state").asString().equals("exception"));
        String transcript = transcriptOf(email);

        String plain = java.util.Base64.getEncoder()
                .encodeToString("\0relay\0wrong-password".getBytes(StandardCharsets.UTF_8));
        assertThat(transcript)
                .contains("C: EHLO ", "(credentials hidden)", "S: 535")
                .doesNotContain(
                        "wrong-password",
                        plain,
                        java.util.Base64.getEncoder()
                                .encodeToString("wrong-password".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aSentMailKeepsItsReplyAndNoConversation() {
        fixture.server("GreenMail", smtp.getSmtp().getPort(), null, 10, Map.of());
        String email = queuedMailTo("Dora Delivered").get("email").asString();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> fixture.mailTo(email).get("state").asString().equals("sent"));

        Document details = session.document(
                EmailsController.PATH + "/" + fixture.mailTo(email).get("id").asLong());

        assertThat(details.select("#smtp-transcript")).isEmpty();
        assertThat(details.text()).contains("a delivered mail keeps its server's reply");
    }

    @Test
    void anUnknownStateIsSaidAndEveryStateShown() {
        Document list = session.document(EmailsController.PATH + "?state=lost");
        assertThat(list.select("#state-error").text()).contains("Not a state of the queue");
        assertThat(list.select("#state option[selected]").attr("value")).isEmpty();
        assertThat(list.select("#state option").eachAttr("value"))
                .contains("outgoing", "sent", "exception", "cancel", "bounce");
        assertThat(session.get(EmailsController.PATH + "/987654321").status()).isEqualTo(404);
    }

    @Test
    void aSearchThatMatchesNothingSaysHowToSeeEveryMail() {
        Document list = session.document(EmailsController.PATH + "?search=" + UUID.randomUUID());
        assertThat(list.select("#empty-state").text()).contains("No mail matches");
    }

    /** The SMTP conversation shown on the page of the mail to this address. */
    private String transcriptOf(String email) {
        return session.document(EmailsController.PATH + "/"
                        + fixture.mailTo(email).get("id").asLong())
                .select("#smtp-transcript")
                .text();
    }

    private JsonNode queuedMailTo(String name) {
        record = fixture.record("Queue page record");
        JsonNode follower = fixture.follower(record, name, "customer.example");
        fixture.post(record, fixture.author("Ann Seller", "mycompany.example"), subject, "<p>Hello</p>");
        return follower;
    }
}
