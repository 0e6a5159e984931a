package com.perfectwork.mail.outgoing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.OutgoingFixture;
import com.perfectwork.mail.ReceivedMail;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** A posted comment reaches every follower through a real SMTP server, with the documented headers. */
@ApiTest
class OutgoingDeliveryIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @LocalServerPort
    int port;

    ApiClient admin;
    OutgoingFixture fixture;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        fixture = new OutgoingFixture(admin)
                .noServers()
                .catchallDomain("mycompany.example")
                .parameter("company.name", "My Company");
    }

    @AfterEach
    void tearDown() {
        fixture.noServers();
    }

    @Test
    void aCommentReachesEveryFollowerButItsAuthorWithTheDocumentedHeaders() throws Exception {
        fixture.server("company", smtp.getSmtp().getPort(), "mycompany.example", 10, Map.of());
        long record = fixture.record("Chairs for the office");
        String mary = fixture.follower(record, "Mary Customer", "customer.example")
                .get("email")
                .asString();
        String john = fixture.follower(record, "John Client", "client.example")
                .get("email")
                .asString();
        long ann = fixture.author("Ann Seller", "mycompany.example");
        admin.post("/api/records/" + record + "/followers", Map.of("partnerId", ann));

        JsonNode first = fixture.post(record, ann, "Quote", "<p>Here is the <b>quote</b>.</p>");
        JsonNode second = fixture.post(record, ann, null, "<p>Any question?</p>");

        MimeMessage toMary = awaitMail(mary, 2).get(0);
        MimeMessage reply = awaitMail(mary, 2).get(1);
        assertThat(awaitMail(john, 2)).hasSize(2);
        assertThat(smtp.getReceivedMessagesForDomain("mycompany.example")).isEmpty(); // never to the author

        assertThat(toMary.getHeader("Message-ID", null))
                .isEqualTo(first.get("messageId").asString());
        assertThat(toMary.getHeader("X-Perfectwork-Message-Id", null))
                .isEqualTo(first.get("messageId").asString());
        assertThat(toMary.getHeader("X-Perfectwork-Objects", null)).isEqualTo("crm.lead-" + record);
        assertThat(toMary.getHeader("In-Reply-To")).isNull();
        assertThat(toMary.getSubject()).isEqualTo("Quote");
        assertThat(((InternetAddress) toMary.getFrom()[0]).getAddress())
                .startsWith("ann.seller.")
                .endsWith("@mycompany.example");
        assertThat(((InternetAddress) toMary.getFrom()[0]).getPersonal()).isEqualTo("Ann Seller");
        InternetAddress to = (InternetAddress) toMary.getRecipients(Message.RecipientType.TO)[0];
        assertThat(to.getAddress()).isEqualTo(mary);
        assertThat(to.getPersonal()).isEqualTo("Mary Customer");
        InternetAddress replyTo = (InternetAddress) toMary.getReplyTo()[0];
        assertThat(replyTo.getAddress()).isEqualTo("catchall@mycompany.example");
        assertThat(replyTo.getPersonal()).isEqualTo("My Company Chairs for the office");
        assertThat(toMary.getHeader("Return-Path", null)).matches("<bounce\\+\\d+\\.[0-9a-f]{16}@mycompany\\.example>");

        // the second message threads under the first
        assertThat(reply.getSubject()).isEqualTo("Re: Chairs for the office");
        assertThat(reply.getHeader("In-Reply-To", null))
                .isEqualTo(first.get("messageId").asString());
        assertThat(reply.getHeader("References", null))
                .isEqualTo(first.get("messageId").asString() + " "
                        + second.get("messageId").asString());

        MimeMultipart alternative = (MimeMultipart) toMary.getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        assertThat((String) alternative.getBodyPart(0).getContent())
                .contains("Here is the quote.")
                .contains("/web/records/" + record);
        assertThat((String) alternative.getBodyPart(1).getContent())
                .contains("<b>quote</b>")
                .contains("Reply to this email");
    }

    @Test
    void theQueueAndTheThreadShowTheDelivery() {
        long server = fixture.server("local", smtp.getSmtp().getPort(), null, 10, Map.of());
        long record = fixture.record("Desk");
        String mary = fixture.follower(record, "Mary", "customer.example")
                .get("email")
                .asString();
        JsonNode posted = fixture.post(record, fixture.author("Ann", "mycompany.example"), "Hi", "<p>hi</p>");
        awaitMail(mary, 1);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode mail = fixture.mailTo(mary);
            assertThat(mail.get("state").asString()).isEqualTo("sent");
            assertThat(mail.get("mailServerId").asLong()).isEqualTo(server);
            assertThat(mail.get("attempts").asInt()).isEqualTo(1);
            assertThat(mail.get("sentAt").isNull()).isFalse();
            assertThat(mail.get("smtpReply").asString()).startsWith("250");
            assertThat(mail.get("messageIdHeader").asString())
                    .isEqualTo(posted.get("messageId").asString());
            assertThat(mail.get("subject").asString()).isEqualTo("Hi");
            assertThat(mail.get("envelopeFrom").asString()).startsWith("bounce+");
            assertThat(mail.get("serverRule").asString()).startsWith("2.");
            JsonNode notification = admin.get("/api/records/" + record + "/messages")
                    .json()
                    .get(0)
                    .get("notifications")
                    .get(0);
            assertThat(notification.get("status").asString()).isEqualTo("sent");
        });
        assertThat(fixture.queue("sent"))
                .anyMatch(m -> m.get("emailTo").asString().contains(mary));
    }

    @Test
    void mailsWaitForAServerAndGoAsSoonAsOneExists() {
        long record = fixture.record("Waiting");
        String mary = fixture.follower(record, "Mary", "customer.example")
                .get("email")
                .asString();
        fixture.post(record, fixture.author("Ann", "mycompany.example"), null, "<p>while no server</p>");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode mail = fixture.mailTo(mary);
            assertThat(mail.get("state").asString()).isEqualTo("outgoing");
            assertThat(mail.get("failureReason").asString()).isEqualTo("no outgoing mail server");
            assertThat(mail.get("attempts").asInt()).isZero();
        });
        fixture.server("late", smtp.getSmtp().getPort(), null, 10, Map.of());
        awaitMail(mary, 1);
    }

    @Test
    void theFromPolicyRewritesASenderOutsideEveryFilter() throws Exception {
        fixture.server("company", smtp.getSmtp().getPort(), "mycompany.example", 10, Map.of());
        long record = fixture.record("Rewrite");
        String mary = fixture.follower(record, "Mary", "customer.example")
                .get("email")
                .asString();
        long outsider = fixture.author("Olga Outsider", "elsewhere.example");
        fixture.post(record, outsider, null, "<p>from outside</p>");
        InternetAddress from = (InternetAddress) awaitMail(mary, 1).get(0).getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("notifications@mycompany.example");
        assertThat(from.getPersonal()).isEqualTo("Olga Outsider");
        assertThat(fixture.mailTo(mary).get("serverRule").asString()).startsWith("3.");
    }

    @Test
    void headerInjectionIsImpossible() throws Exception {
        fixture.server("local", smtp.getSmtp().getPort(), null, 10, Map.of());
        long record = fixture.record("Evil\r\nBcc: victim@evil.example");
        String mary = fixture.follower(record, "Mary\r\nBcc: victim2@evil.example", "customer.example")
                .get("email")
                .asString();
        fixture.post(
                record,
                fixture.author("Ann", "mycompany.example"),
                "Hello\r\nBcc: victim3@evil.example\nX-Evil: 1",
                "<p>x</p>");
        MimeMessage received = awaitMail(mary, 1).get(0);
        assertThat(received.getHeader("Bcc")).isNull();
        assertThat(received.getHeader("X-Evil")).isNull();
        assertThat(received.getSubject()).isEqualTo("Hello Bcc: victim3@evil.example X-Evil: 1");
        assertThat(Arrays.stream(received.getAllRecipients()).map(Address::toString))
                .hasSize(1);
        // nothing was delivered to the injected addresses (GreenMail creates a mailbox per envelope recipient)
        assertThat(smtp.getUserManager().getUserByEmail(mary)).isNotNull();
        for (String victim : List.of("victim@evil.example", "victim2@evil.example", "victim3@evil.example")) {
            assertThat(smtp.getUserManager().getUserByEmail(victim)).isNull();
        }
    }

    @Test
    void attachmentsTravelWithTheNotification() throws Exception {
        fixture.server("local", smtp.getSmtp().getPort(), null, 10, Map.of());
        long record = fixture.record("Quote with attachment");
        String mary = fixture.follower(record, "Mary", "customer.example")
                .get("email")
                .asString();
        byte[] pdf = "%PDF-1.4 the quote".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ApiClient.Response posted = admin.post(
                "/api/records/" + record + "/messages",
                Map.of(
                        "body",
                        "<p>attached</p>",
                        "authorPartnerId",
                        fixture.author("Ann", "mycompany.example"),
                        "attachments",
                        List.of(Map.of(
                                "name",
                                "Devis n°42.pdf",
                                "mimetype",
                                "application/pdf",
                                "contentBase64",
                                java.util.Base64.getEncoder().encodeToString(pdf)))));
        assertThat(posted.status()).isEqualTo(201);
        MimeMultipart mixed = (MimeMultipart) awaitMail(mary, 1).get(0).getContent();
        assertThat(mixed.getContentType()).startsWith("multipart/mixed");
        assertThat(mixed.getCount()).isEqualTo(2);
        jakarta.mail.BodyPart attachment = mixed.getBodyPart(1);
        assertThat(attachment.getFileName()).isEqualTo("Devis n°42.pdf");
        assertThat(attachment.getContentType()).startsWith("application/pdf");
        assertThat(attachment.getInputStream().readAllBytes()).isEqualTo(pdf);
    }

    @Test
    void aCanceledMailIsNeverSentAndItsNotificationSaysSo() {
        long record = fixture.record("Cancel");
        String mary = fixture.follower(record, "Mary", "customer.example")
                .get("email")
                .asString();
        fixture.post(record, fixture.author("Ann", "mycompany.example"), null, "<p>never mind</p>");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(
                                fixture.mailTo(mary).get("failureReason").asString())
                        .isEqualTo("no outgoing mail server"));
        long id = fixture.mailTo(mary).get("id").asLong();
        ApiClient.Response canceled = admin.post("/api/mail-queue/" + id + "/cancel", Map.of());
        assertThat(canceled.status()).isEqualTo(200);
        assertThat(canceled.json().get("state").asString()).isEqualTo("cancel");
        assertThat(admin.post("/api/mail-queue/" + id + "/cancel", Map.of()).status())
                .isEqualTo(409);

        fixture.server("late", smtp.getSmtp().getPort(), null, 10, Map.of());
        assertThat(admin.post("/api/mail-queue/process", Map.of()).status()).isEqualTo(200);
        assertThat(received(mary)).isEmpty();
        JsonNode notification = admin.get("/api/records/" + record + "/messages")
                .json()
                .get(0)
                .get("notifications")
                .get(0);
        assertThat(notification.get("status").asString()).isEqualTo("canceled");

        assertThat(admin.post("/api/mail-queue/" + id + "/retry", Map.of())
                        .json()
                        .get("state")
                        .asString())
                .isEqualTo("outgoing");
        awaitMail(mary, 1);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        assertThat(fixture.mailTo(mary).get("state").asString()).isEqualTo("sent"));
        assertThat(admin.post("/api/mail-queue/" + id + "/retry", Map.of()).status())
                .as("a sent mail is not sent again")
                .isEqualTo(409);
        assertThat(admin.post("/api/mail-queue/987654321/retry", Map.of()).status())
                .isEqualTo(404);
        assertThat(admin.get("/api/mail-queue?state=nonsense").status()).isEqualTo(400);
    }

    @Test
    void theQueueIsMeasured() {
        fixture.server("local", smtp.getSmtp().getPort(), null, 10, Map.of());
        long record = fixture.record("Metrics");
        String mary = fixture.follower(record, "Mary", "customer.example")
                .get("email")
                .asString();
        fixture.post(record, fixture.author("Ann", "mycompany.example"), null, "<p>count me</p>");
        awaitMail(mary, 1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String metrics =
                    ApiClient.anonymous(port).get("/actuator/prometheus").body();
            assertThat(metrics)
                    .containsPattern("(?m)^perfectwork_mail_sent_total(\\{[^}]*\\})? [1-9]")
                    .contains("perfectwork_mail_failed_total")
                    .contains("perfectwork_mail_deferred_total")
                    .contains("perfectwork_mail_queue_depth")
                    .contains("perfectwork_mail_queue_oldest_age_seconds");
        });
    }

    private List<MimeMessage> awaitMail(String recipient, int count) {
        await().atMost(Duration.ofSeconds(15))
                .alias("mail to " + recipient)
                .until(() -> received(recipient).size() >= count);
        return received(recipient);
    }

    private static List<MimeMessage> received(String recipient) {
        return ReceivedMail.to(smtp.getReceivedMessages(), recipient);
    }
}
