package com.perfectwork.mail.bounce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.BouncingMta;
import com.perfectwork.mail.OutgoingFixture;
import com.perfectwork.mail.inbound.SmtpReceiver;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A bounce's whole path: a notification accepted by the recipient's server, which later finds the user unknown
 * and sends a delivery status notification back to the VERP bounce address over SMTP; the mail and its
 * notification show the bounce (the red envelope), the contact counts it, and nothing is sent back.
 */
@ApiTest
class BounceDeliveryIT {

    @LocalServerPort
    int port;

    @Autowired
    SmtpReceiver receiver;

    ApiClient admin;
    OutgoingFixture fixture;
    BouncingMta mta;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        fixture = new OutgoingFixture(admin).noServers().catchallDomain("mycompany.example");
        mta = BouncingMta.start(receiver.port().orElseThrow());
        fixture.server("customer mx", mta.port(), null, 1, Map.of());
    }

    @AfterEach
    void tearDown() {
        mta.close();
        fixture.noServers();
    }

    @Test
    void aBounceFromTheRecipientsServerShowsTheRedEnvelopeAndCountsOnTheContact() {
        long record = fixture.record("Bouncing " + UUID.randomUUID());
        JsonNode gone = fixture.follower(record, "Gone Away", "customer.example");
        JsonNode kept = fixture.follower(record, "Still Here", "customer.example");
        mta.unknownUser(gone.get("email").asString());
        long author = fixture.author("Author", "example.com");
        long message = fixture.post(record, author, null, "<p>Your order shipped.</p>")
                .get("id")
                .asLong();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> delivery(record, message).get("deliveryFailed").asBoolean());
        JsonNode posted = delivery(record, message);
        JsonNode bounced = notificationTo(posted, gone.get("email").asString());
        assertThat(bounced.get("status").asString()).isEqualTo("bounce");
        assertThat(bounced.get("failureType").asString()).isEqualTo("mail_bounce");
        assertThat(bounced.get("failureReason").asString()).startsWith("user_unknown (5.1.1)");
        assertThat(notificationTo(posted, kept.get("email").asString())
                        .get("status")
                        .asString())
                .isEqualTo("sent");

        JsonNode mail = fixture.mailTo(gone.get("email").asString());
        assertThat(mail.get("state").asString()).isEqualTo("bounce");
        assertThat(mail.get("failureType").asString()).isEqualTo("mail_bounce");
        assertThat(partner(gone).get("bounceCount").asInt()).isEqualTo(1);
        assertThat(partner(kept).get("bounceCount").asInt()).isZero();

        // the bounce came back to the mail's own VERP address, and was logged as a bounce for that mail
        assertThat(mta.bouncesSent())
                .singleElement()
                .asString()
                .startsWith("bounce+" + mail.get("id").asLong() + ".");
        JsonNode logged = admin.get("/api/inbound-log?outcome=bounce&limit=1000")
                .json()
                .valueStream()
                .filter(entry -> entry.get("reason")
                        .asString()
                        .contains("mail " + mail.get("id").asLong() + ":"))
                .findFirst()
                .orElseThrow();
        assertThat(logged.get("reason").asString())
                .contains("a hard bounce for " + gone.get("email").asString())
                .contains("attributed by its tag");
        // nothing was sent back to the bounce: the recipient's server received the two notifications only
        assertThat(mta.accepted()).hasSize(2);
    }

    @Test
    void aForgedBounceChangesNothing() {
        Sent sent = sent("Forged");
        long mailId = fixture.mailTo(sent.email()).get("id").asLong();

        // a tag of the right shape for a mail that was sent, but made without our key; and ours its Message-ID
        JsonNode result = gateway(
                dsn("bounce+" + mailId + ".0123456789abcdef@mycompany.example", sent.email(), sent.messageId()));
        assertThat(result.get("outcome").asString()).isEqualTo("bounce");
        assertThat(result.get("reason").asString()).contains("does not verify: a forged bounce, nothing changed");
        assertThat(result.get("bounce").get("mailId").isNull()).isTrue();
        assertThat(result.get("bounce").get("attributed").asBoolean()).isFalse();
        assertNothingChanged(sent);
    }

    @Test
    void aBounceWithoutTagIsAttributedByTheReturnedMessageIdAndTheFailedAddress() {
        long record = fixture.record("Untagged " + UUID.randomUUID());
        JsonNode first = fixture.follower(record, "First", "customer.example");
        JsonNode second = fixture.follower(record, "Second", "customer.example");
        long author = fixture.author("Author", "example.com");
        JsonNode posted = fixture.post(record, author, null, "<p>Hello</p>");
        long message = posted.get("id").asLong();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> notificationTo(
                                delivery(record, message), second.get("email").asString())
                        .get("status")
                        .asString()
                        .equals("sent"));

        JsonNode result = gateway(dsn(
                "bounce@mycompany.example",
                second.get("email").asString(),
                posted.get("messageId").asString()));
        assertThat(result.get("outcome").asString()).isEqualTo("bounce");
        JsonNode bounce = result.get("bounce");
        assertThat(bounce.get("email").asString()).isEqualTo(second.get("email").asString());
        assertThat(bounce.get("statusCode").asString()).isEqualTo("5.1.1");
        assertThat(bounce.get("reason").asString()).isEqualTo("user_unknown");
        assertThat(bounce.get("hard").asBoolean()).isTrue();
        assertThat(bounce.get("complaint").asBoolean()).isFalse();
        assertThat(bounce.get("attributed").asBoolean()).isTrue();
        assertThat(bounce.get("mailId").asLong())
                .isEqualTo(
                        fixture.mailTo(second.get("email").asString()).get("id").asLong());
        JsonNode thread = delivery(record, message);
        assertThat(notificationTo(thread, second.get("email").asString())
                        .get("status")
                        .asString())
                .isEqualTo("bounce");
        assertThat(notificationTo(thread, first.get("email").asString())
                        .get("status")
                        .asString())
                .isEqualTo("sent");

        // a mail that is no bounce from the address: it works again
        assertThat(partner(second).get("bounceCount").asInt()).isEqualTo(1);
        gateway(("From: Second <" + second.get("email").asString() + ">\r\nTo: catchall@mycompany.example\r\n"
                        + "Subject: Re: Hello\r\nIn-Reply-To: "
                        + posted.get("messageId").asString()
                        + "\r\nMessage-ID: <" + UUID.randomUUID() + "@customer.example>\r\n\r\nI am back.\r\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(partner(second).get("bounceCount").asInt()).isZero();
    }

    @Test
    void aDelayWarningAboutAMailWeSentIsReadAndChangesNothing() {
        Sent sent = sent("Delayed");
        byte[] delayed = new String(
                        dsn("bounce@mycompany.example", sent.email(), sent.messageId()), StandardCharsets.UTF_8)
                .replace("Action: failed\r\nStatus: 5.1.1", "Action: delayed\r\nStatus: 4.4.1")
                .getBytes(StandardCharsets.UTF_8);

        JsonNode result = gateway(delayed);

        assertThat(result.get("outcome").asString()).isEqualTo("bounce");
        assertThat(result.get("bounce").get("attributed").asBoolean()).isTrue();
        assertThat(result.get("bounce").get("hard").asBoolean()).isFalse();
        assertThat(result.get("reason").asString())
                .startsWith("a delay warning (the mail is still queued) for " + sent.email())
                .endsWith("the receiving server still tries, nothing changed");
        assertNothingChanged(sent);
    }

    @Test
    void anUntaggedBounceNamingAMessageIdNeverSentChangesNothing() {
        Sent sent = sent("Unknown id");

        JsonNode result = gateway(
                dsn("bounce@mycompany.example", sent.email(), "<never." + UUID.randomUUID() + "@mycompany.example>"));

        assertThat(result.get("outcome").asString()).isEqualTo("bounce");
        assertThat(result.get("bounce").get("email").asString()).isEqualTo(sent.email());
        assertThat(result.get("bounce").get("attributed").asBoolean()).isFalse();
        assertThat(result.get("bounce").get("mailId").isNull()).isTrue();
        assertThat(result.get("reason").asString())
                .contains("not attributed: no tag, and no Message-ID in it is one of a mail we sent, nothing changed");
        assertNothingChanged(sent);
    }

    @Test
    void anUntaggedBounceReturningOurMessageIdForAnotherAddressChangesNothing() {
        Sent sent = sent("Other address");
        String other = "bystander." + UUID.randomUUID().toString().substring(0, 6) + "@customer.example";
        long bystander = admin.post("/api/partners", Map.of("name", "Bystander", "email", other))
                .id();

        JsonNode result = gateway(dsn("bounce@mycompany.example", other, sent.messageId()));

        assertThat(result.get("bounce").get("attributed").asBoolean()).isFalse();
        assertThat(result.get("reason").asString())
                .contains("not attributed: no tag, and " + sent.messageId() + " was not sent to " + other);
        JsonNode partner = admin.get("/api/partners/" + bystander).json();
        assertThat(partner.get("bounceCount").asInt()).isZero();
        assertThat(partner.get("blacklisted").asBoolean()).isFalse();
        assertNothingChanged(sent);
    }

    @Test
    void aForgedFeedbackReportChangesNothing() {
        Sent sent = sent("Forged complaint");

        JsonNode result = gateway(arf(sent.email(), "<" + UUID.randomUUID() + "@mycompany.example>"));

        assertThat(result.get("outcome").asString()).isEqualTo("bounce");
        assertThat(result.get("bounce").get("complaint").asBoolean()).isTrue();
        assertThat(result.get("bounce").get("email").asString()).isEqualTo(sent.email());
        assertThat(result.get("bounce").get("attributed").asBoolean()).isFalse();
        assertThat(result.get("reason").asString()).contains("not attributed:").contains("nothing changed");
        assertNothingChanged(sent);
    }

    @Test
    void aFeedbackLoopComplaintAboutAMailWeSentBlacklistsTheAddressAtOnce() {
        Sent sent = sent("Complaint");

        JsonNode result = gateway(arf(sent.email(), sent.messageId()));

        assertThat(result.get("outcome").asString()).isEqualTo("bounce");
        assertThat(result.get("bounce").get("complaint").asBoolean()).isTrue();
        assertThat(result.get("bounce").get("email").asString()).isEqualTo(sent.email());
        assertThat(result.get("bounce").get("attributed").asBoolean()).isTrue();
        assertThat(partner(sent.follower()).get("blacklisted").asBoolean()).isTrue();
        assertThat(fixture.mailTo(sent.email()).get("state").asString())
                .as("a complaint is about a mail that was delivered: no red envelope")
                .isEqualTo("sent");
    }

    /** A notification sent to a new follower: its record, message, address, Message-ID. */
    private record Sent(long record, long message, JsonNode follower, String email, String messageId) {}

    private Sent sent(String name) {
        long record = fixture.record(name + " " + UUID.randomUUID());
        JsonNode follower = fixture.follower(record, "Mary", "customer.example");
        JsonNode posted = fixture.post(record, fixture.author("Author", "example.com"), null, "<p>Hello</p>");
        long message = posted.get("id").asLong();
        String email = follower.get("email").asString();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> notificationTo(delivery(record, message), email)
                        .get("status")
                        .asString()
                        .equals("sent"));
        return new Sent(
                record, message, follower, email, posted.get("messageId").asString());
    }

    /** The mail is still sent, its message shows no red envelope, the address neither counted nor blacklisted. */
    private void assertNothingChanged(Sent sent) {
        assertThat(fixture.mailTo(sent.email()).get("state").asString()).isEqualTo("sent");
        assertThat(delivery(sent.record(), sent.message()).get("deliveryFailed").asBoolean())
                .isFalse();
        JsonNode partner = partner(sent.follower());
        assertThat(partner.get("bounceCount").asInt()).isZero();
        assertThat(partner.get("blacklisted").asBoolean()).isFalse();
    }

    /** A feedback-loop report (RFC 5965) that {@code address} marked the mail {@code original} as spam. */
    private static byte[] arf(String address, String original) {
        String boundary = "ARF-" + UUID.randomUUID();
        return ("From: feedback@fbl.customer.example\r\nTo: bounce@mycompany.example\r\n"
                        + "Subject: FW: Your order shipped\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/report; report-type=feedback-report; boundary=\"" + boundary
                        + "\"\r\n\r\n"
                        + "--" + boundary + "\r\nContent-Type: text/plain\r\n\r\nThis is an email abuse report.\r\n\r\n"
                        + "--" + boundary + "\r\nContent-Type: message/feedback-report\r\n\r\n"
                        + "Feedback-Type: abuse\r\nUser-Agent: FBL/1.0\r\nVersion: 1\r\n"
                        + "Original-Rcpt-To: <" + address + ">\r\n\r\n"
                        + "--" + boundary + "\r\nContent-Type: text/rfc822-headers\r\n\r\n"
                        + "From: notifications@mycompany.example\r\nTo: " + address + "\r\n"
                        + "Subject: Your order shipped\r\nMessage-ID: " + original + "\r\n\r\n"
                        + "--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A Postfix-shaped report that mail to {@code failed} bounced, sent to {@code to}, returning {@code original}. */
    static byte[] dsn(String to, String failed, String original) {
        return ("Return-Path: <>\r\nFrom: MAILER-DAEMON@mx.customer.example (Mail Delivery System)\r\n"
                        + "To: " + to + "\r\nSubject: Undelivered Mail Returned to Sender\r\n"
                        + "Message-ID: <" + UUID.randomUUID() + "@mx.customer.example>\r\n"
                        + "MIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n\r\n"
                        + "--B\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n\r\n"
                        + "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
                        + "Reporting-MTA: dns; mx.customer.example\r\n\r\n"
                        + "Final-Recipient: rfc822; " + failed + "\r\nAction: failed\r\nStatus: 5.1.1\r\n"
                        + "Diagnostic-Code: smtp; 550 5.1.1 <" + failed + ">: User unknown\r\n\r\n"
                        + "--B\r\nContent-Type: text/rfc822-headers\r\n\r\n"
                        + "From: notifications@mycompany.example\r\nTo: " + failed + "\r\n"
                        + "Message-ID: " + original + "\r\n\r\n--B--\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private JsonNode gateway(byte[] raw) {
        ApiClient.Response response = admin.postBytes("/api/inbound", "message/rfc822", raw);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private JsonNode delivery(long record, long message) {
        return admin.get("/api/records/" + record + "/messages")
                .json()
                .valueStream()
                .filter(m -> m.get("id").asLong() == message)
                .findFirst()
                .orElseThrow();
    }

    private static JsonNode notificationTo(JsonNode message, String email) {
        return message.get("notifications")
                .valueStream()
                .filter(n -> n.get("email").asString().equalsIgnoreCase(email))
                .findFirst()
                .orElseThrow();
    }

    private JsonNode partner(JsonNode follower) {
        return admin.get("/api/partners?email="
                        + URLEncoder.encode(follower.get("email").asString(), StandardCharsets.UTF_8))
                .json()
                .get(0);
    }
}
