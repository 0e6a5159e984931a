package com.perfectwork.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.MailFixtures;
import com.perfectwork.mail.OutgoingFixture;
import com.perfectwork.mail.ReceivedMail;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Raw mails posted to the HTTP gateway, from the fixtures: routed, posted, relayed, logged. */
@ApiTest
class InboundGatewayIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @LocalServerPort
    int port;

    ApiClient admin;
    OutgoingFixture fixture;
    long record;
    String mary;
    String john;
    String notification;

    @BeforeEach
    void aThreadWithANotificationSent() {
        admin = ApiClient.admin(port);
        fixture = new OutgoingFixture(admin).noServers().catchallDomain("mycompany.example");
        fixture.server("local", smtp.getSmtp().getPort(), null, 10, Map.of());
        record = fixture.record("Chairs");
        mary = fixture.follower(record, "Mary Customer", "customer.example")
                .get("email")
                .asString();
        john = fixture.follower(record, "John", "client.example").get("email").asString();
        notification = fixture.post(
                        record,
                        fixture.author("Ann Seller", "mycompany.example"),
                        "Delivery of 50 chairs",
                        "<p>Can you confirm the delivery date?</p>")
                .get("messageId")
                .asString();
        await().atMost(Duration.ofSeconds(10)).until(() -> received(john).size() == 1);
    }

    @AfterEach
    void tearDown() {
        fixture.noServers();
    }

    @Test
    void aGmailReplyLandsInItsThreadAndIsRelayedToTheOtherFollowers() throws Exception {
        byte[] reply = MailFixtures.load(
                "replies/gmail-reply.eml",
                Map.of("FROM", mary, "MESSAGE_ID", notification, "ROOT_ID", "unknown-root@elsewhere.example"));
        JsonNode result = gateway(reply);
        assertThat(result.get("outcome").asString()).isEqualTo("posted");
        assertThat(result.get("model").asString()).isEqualTo("crm.lead");
        assertThat(result.get("recordId").asLong()).isEqualTo(record);

        JsonNode message = lastMessage();
        assertThat(message.get("id").asLong()).isEqualTo(result.get("messageId").asLong());
        assertThat(message.get("type").asString()).isEqualTo("email");
        assertThat(message.get("authorName").asString()).isEqualTo("Mary Customer");
        assertThat(message.get("emailFrom").asString()).contains(mary);
        assertThat(message.get("subject").asString()).isEqualTo("Re: Delivery of 50 chairs");
        assertThat(message.get("strippedText").asString())
                .isEqualTo("Yes, Friday works for us. Please deliver before noon — thanks!\n\nMary");
        assertThat(message.get("body").asString()).contains("Friday works").doesNotContain("<script");
        assertThat(message.get("notifications")
                        .valueStream()
                        .map(n -> n.get("email").asString()))
                .anyMatch(email -> email.contains(john))
                .noneMatch(email -> email.contains(mary));

        await().atMost(Duration.ofSeconds(10)).until(() -> received(john).size() == 2);
        assertThat(received(mary)).hasSize(1); // only the first notification: never her own reply
        MimeMessage relay = received(john).get(1);
        assertThat(relay.getSubject()).isEqualTo("Re: Delivery of 50 chairs");
    }

    @Test
    void theRelaysTextPartIsTheMailsOwnTextAndItsHtmlPartTheSanitizedHtml() throws Exception {
        byte[] reply = ("From: Mary Customer <" + mary + ">\r\nTo: catchall@mycompany.example\r\n"
                        + "Subject: Re: Delivery of 50 chairs\r\nIn-Reply-To: " + notification + "\r\n"
                        + "Message-ID: <" + UUID.randomUUID() + "@customer.example>\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n"
                        + "--alt\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                        + "Plain words, *as typed* in the text part.\r\n\r\n"
                        + "--alt\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n"
                        + "<p>Words <b>of the HTML part</b>.</p><script>alert(1)</script>\r\n--alt--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(gateway(reply).get("outcome").asString()).isEqualTo("posted");
        await().atMost(Duration.ofSeconds(10)).until(() -> received(john).size() == 2);
        jakarta.mail.Multipart alternative =
                (jakarta.mail.Multipart) received(john).get(1).getContent();
        String text = (String) alternative.getBodyPart(0).getContent();
        String html = (String) alternative.getBodyPart(1).getContent();
        assertThat(text).contains("Plain words, *as typed* in the text part.").doesNotContain("of the HTML part");
        assertThat(html).contains("<b>of the HTML part</b>").doesNotContain("<script");
    }

    @Test
    void recipientsThatAreContactsAreLinkedToTheMessage() {
        String colleague = "Bob.Colleague." + UUID.randomUUID().toString().substring(0, 6) + "@Customer.Example";
        long bob = admin.post("/api/partners", Map.of("name", "Bob", "email", colleague))
                .id();
        String stranger = "stranger." + UUID.randomUUID().toString().substring(0, 6) + "@customer.example";
        byte[] reply = ("From: Mary Customer <" + mary + ">\r\nTo: catchall@mycompany.example, " + mary + "\r\n"
                        + "Cc: \"Bob\" <" + colleague.toLowerCase() + ">, " + stranger + "\r\n"
                        + "Subject: Re: Delivery of 50 chairs\r\nIn-Reply-To: " + notification + "\r\n"
                        + "Message-ID: <" + UUID.randomUUID() + "@customer.example>\r\n\r\nBob, see below.\r\n")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(gateway(reply).get("outcome").asString()).isEqualTo("posted");
        // Bob, a contact, is linked (found by his normalized address); the stranger, Mary (the author) and the
        // catchall are not
        assertThat(lastMessage().get("recipientPartnerIds").valueStream().map(JsonNode::asLong))
                .containsExactly(bob);
    }

    @Test
    void theSameMailTwiceIsADuplicate() {
        byte[] reply = MailFixtures.load(
                "replies/gmail-reply.eml", Map.of("FROM", mary, "MESSAGE_ID", notification, "ROOT_ID", "r@x.example"));
        assertThat(gateway(reply).get("outcome").asString()).isEqualTo("posted");
        JsonNode again = gateway(reply);
        assertThat(again.get("outcome").asString()).isEqualTo("duplicate");
        assertThat(again.get("reason").asString()).contains("already");
        assertThat(admin.get("/api/records/" + record + "/messages").json().size())
                .isEqualTo(2);
    }

    @Test
    void ourOwnNotificationComingBackWithARewrittenMessageIdIsADuplicate() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> received(john).size() == 1);
        MimeMessage notificationMail = received(john).get(0);
        assertThat(notificationMail.getHeader("X-Perfectwork-Message-Id", null)).isEqualTo(notification);
        // a relay on the way gave it a Message-ID of its own (as some gateways and list servers do)
        notificationMail.setHeader("Message-ID", "<rewritten." + System.nanoTime() + "@relay.example>");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        notificationMail.writeTo(bytes, new String[] {"Message-ID"});
        byte[] raw = ("Message-ID: <rewritten." + System.nanoTime() + "@relay.example>\r\n" + bytes)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);

        JsonNode result = gateway(raw);

        assertThat(result.get("outcome").asString()).isEqualTo("duplicate");
        assertThat(result.get("reason").asString()).startsWith("X-Perfectwork-Message-Id " + notification);
        assertThat(admin.get("/api/records/" + record + "/messages").json().size())
                .isEqualTo(1);
    }

    @Test
    void aReplyFromAColleagueIsAuthoredByTheUserRatherThanAnOlderContactWithTheSameAddress() {
        String email = "colleague." + System.nanoTime() + "@mycompany.example";
        long customerCard = admin.post("/api/partners", Map.of("name", "Old card", "email", email))
                .id();
        JsonNode user = admin.post(
                        "/api/users",
                        Map.of("login", email, "password", "colleague-password", "name", "Colleague", "email", email))
                .json();
        assertThat(user.get("partnerId").asLong()).isNotEqualTo(customerCard);

        assertThat(gateway(MailFixtures.load(
                                "replies/gmail-reply.eml",
                                Map.of("FROM", email, "MESSAGE_ID", notification, "ROOT_ID", "r@x.example")))
                        .get("outcome")
                        .asString())
                .isEqualTo("posted");
        assertThat(lastMessage().get("authorPartnerId").asLong())
                .isEqualTo(user.get("partnerId").asLong());
    }

    @Test
    void anOutlookReplyInWindows1252IsDecodedAndStripped() {
        JsonNode result = gateway(MailFixtures.load(
                "replies/outlook-reply.eml", Map.of("FROM", "jose@customer.example", "MESSAGE_ID", notification)));
        assertThat(result.get("outcome").asString()).isEqualTo("posted");
        JsonNode message = lastMessage();
        assertThat(message.get("authorPartnerId").isNull())
                .as("an unknown sender is shown by its From")
                .isTrue();
        assertThat(message.get("emailFrom").asString()).isEqualTo("\"José Martínez\" <jose@customer.example>");
        assertThat(message.get("strippedText").asString())
                .isEqualTo("Buenos días, la entrega del viernes está bien. “Gracias”.\n\nJosé");
    }

    @Test
    void attachmentsOfAReplyAreKeptWithTheirEncodedNames() {
        JsonNode result = gateway(MailFixtures.load(
                "replies/thunderbird-attachment.eml", Map.of("FROM", mary, "MESSAGE_ID", notification)));
        assertThat(result.get("outcome").asString()).isEqualTo("posted");
        JsonNode message = lastMessage();
        assertThat(message.get("strippedText").asString()).isEqualTo("Here is the floor plan with the delivery door.");
        JsonNode attachment = message.get("attachments").get(0);
        assertThat(attachment.get("name").asString()).isEqualTo("plan étage 2.pdf");
        assertThat(attachment.get("mimetype").asString()).isEqualTo("application/pdf");
        assertThat(new String(
                        admin.get("/api/attachments/" + attachment.get("id").asLong())
                                .raw()
                                .body()))
                .startsWith("%PDF-1.4");
    }

    @Test
    void anInlineImageOfAnAppleMailReplyIsShownFromItsStoredAttachment() {
        JsonNode result = gateway(MailFixtures.load(
                "replies/apple-mail-inline-image.eml", Map.of("FROM", mary, "MESSAGE_ID", notification)));
        assertThat(result.get("outcome").asString()).isEqualTo("posted");
        JsonNode message = lastMessage();
        assertThat(message.get("strippedText").asString()).isEqualTo("Here is a photo of the loading dock.");
        JsonNode image = message.get("attachments").get(0);
        assertThat(image.get("name").asString()).isEqualTo("dock.png");
        assertThat(image.get("mimetype").asString()).isEqualTo("image/png");
        assertThat(message.get("body").asString())
                .contains("src=\"/api/attachments/" + image.get("id").asLong() + "\"")
                .doesNotContain("cid:");
        ApiClient.Response png = admin.get("/api/attachments/" + image.get("id").asLong());
        assertThat(png.contentType()).isEqualTo("image/png");
        assertThat(png.raw().body()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }

    @Test
    void brokenMimeIsReadAsWellAsItCanBe() {
        JsonNode result = gateway(MailFixtures.load(
                "malformed/unterminated-multipart.eml", Map.of("FROM", mary, "MESSAGE_ID", notification)));
        assertThat(result.get("outcome").asString()).isEqualTo("posted");
        assertThat(lastMessage().get("strippedText").asString()).isEqualTo("Café is fine, thanks.");
    }

    @Test
    void aDeliveryReportIsABounceAndIsNotPosted() {
        JsonNode result = gateway(MailFixtures.load("bounces/postfix-user-unknown.eml", Map.of()));
        assertThat(result.get("outcome").asString()).isEqualTo("bounce");
        assertThat(result.get("recordId").isNull()).isTrue();
        assertThat(admin.get("/api/records/" + record + "/messages").json().size())
                .isEqualTo(1);
    }

    @Test
    void aMailToTheCatchallOnlyIsDroppedAndKept() {
        JsonNode result = gateway(MailFixtures.load("unrouted/newsletter.eml", Map.of()));
        assertThat(result.get("outcome").asString()).isEqualTo("dropped");
        assertThat(result.get("reason").asString()).startsWith("sent to the catchall address only");
        JsonNode logged =
                admin.get("/api/inbound-log/" + result.get("logId").asLong()).json();
        assertThat(logged.get("outcome").asString()).isEqualTo("dropped");
        assertThat(logged.get("subject").asString()).isEqualTo("Our November offers");
        assertThat(logged.get("from").asString()).isEqualTo("Newsletter <news@vendor.example>");
        assertThat(admin.get("/api/inbound-log?outcome=dropped")
                        .json()
                        .valueStream()
                        .map(m -> m.get("id").asLong()))
                .contains(result.get("logId").asLong());
    }

    @Test
    void aMailThatFailsIsKeptWithItsErrorItsBytesAndCanBeRetried() {
        // an attachment over the 25 MB limit makes posting fail after the mail was stored
        String big = "A".repeat(26 * 1024 * 1024);
        byte[] poison = ("From: " + mary + "\r\nTo: catchall@mycompany.example\r\nSubject: huge\r\nIn-Reply-To: "
                        + notification
                        + "\r\nMessage-ID: <poison-" + System.nanoTime() + "@customer.example>\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee file\r\n--b\r\n"
                        + "Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=big.bin\r\n\r\n"
                        + big
                        + "\r\n--b--\r\n")
                .getBytes();
        JsonNode failed = gateway(poison);
        assertThat(failed.get("outcome").asString()).isEqualTo("failed");
        long id = failed.get("logId").asLong();
        JsonNode logged = admin.get("/api/inbound-log/" + id).json();
        assertThat(logged.get("reason").asString()).contains("big.bin");
        assertThat(logged.get("errorDetail").asString()).contains("AttachmentTooLargeException");
        assertThat(admin.get("/api/inbound-log?outcome=failed")
                        .json()
                        .valueStream()
                        .map(m -> m.get("id").asLong()))
                .contains(id);
        assertThat(admin.get("/api/inbound-log/" + id + "/raw").raw().body()).isEqualTo(poison);
        assertThat(admin.get("/api/records/" + record + "/messages").json().size())
                .as("nothing half-posted")
                .isEqualTo(1);

        JsonNode retried =
                admin.post("/api/inbound-log/" + id + "/retry", Map.of()).json();
        assertThat(retried.get("outcome").asString()).isEqualTo("failed");
        assertThat(admin.get("/api/inbound-log/" + id).json().get("attempts").asInt())
                .isEqualTo(2);
    }

    @Test
    void aMailNestedFiveThousandLevelsDeepFailsWithItsReasonInsteadOfA500AndCanBeRetried() {
        // today a StackOverflowError; with a limit on MIME nesting, the parser's refusal: either way failed
        byte[] deep = DeepMail.nested(
                5_000, "Deep", "deep-" + System.nanoTime() + "@else.example", "catchall@mycompany.example");

        JsonNode failed = gateway(deep);

        assertThat(failed.get("outcome").asString()).isEqualTo("failed");
        assertThat(failed.get("reason").asString()).contains(" while parsing: ");
        long id = failed.get("logId").asLong();
        JsonNode logged = admin.get("/api/inbound-log/" + id).json();
        assertThat(logged.get("outcome").asString()).isEqualTo("failed");
        assertThat(logged.get("subject").asString()).isEqualTo("Deep");
        assertThat(logged.get("errorDetail").asString()).isNotBlank();
        JsonNode retried =
                admin.post("/api/inbound-log/" + id + "/retry", Map.of()).json();
        assertThat(retried.get("outcome").asString()).isEqualTo("failed");
        assertThat(admin.get("/api/inbound-log/" + id).json().get("attempts").asInt())
                .isEqualTo(2);
    }

    @Test
    void onlyAFailedMailCanBeRetried() {
        JsonNode dropped = gateway(MailFixtures.load("unrouted/newsletter.eml", Map.of()));
        assertThat(admin.post("/api/inbound-log/" + dropped.get("logId").asLong() + "/retry", Map.of())
                        .status())
                .isEqualTo(409);
        assertThat(admin.post("/api/inbound-log/987654321/retry", Map.of()).status())
                .isEqualTo(404);
    }

    @Test
    void theGatewayRefusesEmptyAndTooLargeMails() {
        assertThat(admin.postBytes("/api/inbound", "message/rfc822", new byte[0])
                        .status())
                .isEqualTo(400);
        ApiClient.Response tooLarge = admin.postBytes("/api/inbound", "message/rfc822", new byte[50 * 1024 * 1024 + 1]);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().get("detail").asString()).contains("perfectwork.inbound.max-size");
    }

    private JsonNode gateway(byte[] raw) {
        ApiClient.Response response = admin.postBytes("/api/inbound", "message/rfc822", raw);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private JsonNode lastMessage() {
        JsonNode thread = admin.get("/api/records/" + record + "/messages").json();
        return thread.get(thread.size() - 1);
    }

    private static List<MimeMessage> received(String recipient) {
        return ReceivedMail.to(smtp.getReceivedMessages(), recipient);
    }
}
