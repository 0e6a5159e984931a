package com.perfectwork.mail.mailing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.OutgoingFixture;
import com.perfectwork.mail.ReceivedMail;
import com.perfectwork.mail.SmtpSubmission;
import com.perfectwork.mail.inbound.SmtpReceiver;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * What a mailing's recipient sends back by mail: an empty mail to the {@code mailto:} of the List-Unsubscribe header
 * (what Gmail's and Outlook's "unsubscribe" does for a mail without one-click), over the SMTP receiver, unsubscribes
 * them; a reply counts on the mailing. Neither is posted nor answered.
 */
@ApiTest
class RecipientMailIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @LocalServerPort
    int port;

    @Autowired
    SmtpReceiver receiver;

    ApiClient admin;
    String unique;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        new OutgoingFixture(admin)
                .noServers()
                .catchallDomain("mycompany.example")
                .server("company", smtp.getSmtp().getPort(), null, 10, Map.of());
        unique = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void theMailtoAddressUnsubscribesAndAReplyIsCountedWithoutAnAnswer() throws Exception {
        long list = admin.post("/api/mailing-lists", Map.of("name", "Letters " + unique))
                .id();
        String mary = contact("mary", list);
        String paul = contact("paul", list);
        long mailing = sent("Autumn letter " + unique, "<p>News of the season</p>", list);
        MimeMessage toMary = received(mary);
        MimeMessage toPaul = received(paul);
        int before = smtp.getReceivedMessages().length;

        // Mary's client sends an empty mail to the mailto: of her mail's List-Unsubscribe, over SMTP
        String mailto = match(toMary.getHeader("List-Unsubscribe", null), "<mailto:([^>?]+)");
        assertThat(mailto).startsWith("unsubscribe+").endsWith("@mycompany.example");
        SmtpSubmission.send(receiver.port().orElseThrow(), mail(mary, mailto, "unsubscribe", null), mailto);
        JsonNode contact =
                admin.get("/api/mailing-contacts?search=" + mary).json().get(0);
        assertThat(contact.get("optedOutListIds")
                        .valueStream()
                        .map(JsonNode::asLong)
                        .toList())
                .as("opted out when the receiver answered 250")
                .containsExactly(list);
        JsonNode logged = logged("unsubscribe");
        assertThat(logged.get("outcome").asString()).isEqualTo("dropped");
        assertThat(logged.get("reason").asString()).contains("the recipient is unsubscribed");

        // an address whose token we never signed changes nothing
        String forged = mailto.replaceFirst("\\.[^.@]+@", ".AAAAAAAAAAAAAAAA@");
        ApiClient.Response refused =
                admin.postBytes("/api/inbound", "message/rfc822", mail(paul, forged, "unsubscribe me too", null));
        assertThat(refused.json().get("reason").asString()).contains("not one we signed");
        assertThat(admin.get("/api/mailing-contacts?search=" + paul)
                        .json()
                        .get(0)
                        .get("optedOutListIds"))
                .isEmpty();

        // Paul answers his mail (Reply-To: the catchall): counted once, neither posted nor answered
        String replyTo = toPaul.getHeader("Reply-To", null);
        String messageId = toPaul.getHeader("Message-ID", null);
        assertThat(messageId).startsWith("<bulk.");
        JsonNode reply = admin.postBytes(
                        "/api/inbound", "message/rfc822", mail(paul, replyTo, "Re: Autumn letter", messageId))
                .json();
        assertThat(reply.get("outcome").asString()).isEqualTo("dropped");
        assertThat(reply.get("reason").asString()).contains("reply to a mass mail");
        admin.postBytes("/api/inbound", "message/rfc822", mail(paul, replyTo, "Re: Re: Autumn letter", messageId));
        JsonNode stats = admin.get("/api/mailings/" + mailing).json().get("stats");
        assertThat(stats.get("replied").asLong())
                .as("Paul replied twice, counted once")
                .isEqualTo(1);
        assertThat(stats.get("unsubscribed").asLong()).isEqualTo(1);
        assertThat(smtp.getReceivedMessages()).as("nobody was answered").hasSize(before);
    }

    @Test
    void aBounceMarksTheTraceAndAComplaintBlacklistsTheAddress() throws Exception {
        long list = admin.post("/api/mailing-lists", Map.of("name", "Offers " + unique))
                .id();
        String gone = contact("gone", list);
        String angry = contact("angry", list);
        long mailing = sent("Winter offers " + unique, "<p>Offers</p>", list);
        MimeMessage toGone = received(gone);
        MimeMessage toAngry = received(angry);

        // the recipient's server reports the mail to Gone undeliverable, to the mail's own bounce address
        JsonNode bounce = admin.postBytes(
                        "/api/inbound",
                        "message/rfc822",
                        dsn(envelope(toGone), gone, toGone.getHeader("Message-ID", null)))
                .json();
        assertThat(bounce.get("outcome").asString()).isEqualTo("bounce");
        assertThat(bounce.get("bounce").get("attributed").asBoolean()).isTrue();
        // the angry recipient's provider sends a feedback report (ARF) for theirs
        JsonNode complaint = admin.postBytes(
                        "/api/inbound",
                        "message/rfc822",
                        arf(envelope(toAngry), angry, toAngry.getHeader("Message-ID", null)))
                .json();
        assertThat(complaint.get("bounce").get("complaint").asBoolean()).isTrue();
        assertThat(complaint.get("bounce").get("attributed").asBoolean()).isTrue();

        JsonNode progress = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> admin.get("/api/mailings/" + mailing).json().get("progress"),
                        p -> p.get("bounced").asLong() == 1);
        assertThat(progress.get("sent").asLong()).isEqualTo(2);
        assertThat(progress.get("delivered").asLong())
                .as("the complained-of mail was delivered")
                .isEqualTo(1);
        JsonNode trace = admin.get("/api/mailings/" + mailing + "/traces?state=bounced")
                .json()
                .get(0);
        assertThat(trace.get("email").asString()).isEqualTo(gone);
        assertThat(trace.get("failureReason").asString()).contains("5.1.1");
        assertThat(admin.get("/api/mailing-contacts?search=" + gone)
                        .json()
                        .get(0)
                        .get("bounceCount")
                        .asInt())
                .isEqualTo(1);
        assertThat(admin.get("/api/mailing-contacts?search=" + angry)
                        .json()
                        .get(0)
                        .get("blacklisted")
                        .asBoolean())
                .as("a complaint opts the address out of everything")
                .isTrue();
    }

    /** The envelope sender the mail was sent with: its own bounce address (VERP). */
    private static String envelope(MimeMessage mail) throws Exception {
        return match(mail.getHeader("Return-Path", null), "<([^>]+)>");
    }

    private static byte[] dsn(String to, String failed, String original) {
        return ("Return-Path: <>\r\nFrom: MAILER-DAEMON@mx.customer.example (Mail Delivery System)\r\n"
                        + "To: " + to + "\r\nSubject: Undelivered Mail Returned to Sender\r\n"
                        + "Message-ID: <" + UUID.randomUUID() + "@mx.customer.example>\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n\r\n"
                        + "--B\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n\r\n"
                        + "--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.customer.example\r\n\r\n"
                        + "Final-Recipient: rfc822; " + failed + "\r\nAction: failed\r\nStatus: 5.1.1\r\n"
                        + "Diagnostic-Code: smtp; 550 5.1.1 <" + failed + ">: User unknown\r\n\r\n"
                        + "--B\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: news@mycompany.example\r\n"
                        + "To: " + failed + "\r\nMessage-ID: " + original + "\r\n\r\n--B--\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] arf(String to, String complainer, String original) {
        return ("Return-Path: <fbl@fbl.customer.example>\r\nFrom: Feedback Loop <fbl@fbl.customer.example>\r\n"
                        + "To: " + to + "\r\nSubject: Abuse report\r\n"
                        + "Message-ID: <" + UUID.randomUUID() + "@fbl.customer.example>\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/report; report-type=feedback-report; boundary=\"F\"\r\n\r\n"
                        + "--F\r\nContent-Type: text/plain\r\n\r\nA user reported the message below as spam.\r\n\r\n"
                        + "--F\r\nContent-Type: message/feedback-report\r\n\r\nFeedback-Type: abuse\r\n"
                        + "User-Agent: FBL/1.0\r\nVersion: 1\r\nOriginal-Mail-From: <" + to + ">\r\n"
                        + "Original-Rcpt-To: <" + complainer + ">\r\n\r\n"
                        + "--F\r\nContent-Type: text/rfc822-headers\r\n\r\nReturn-Path: <" + to + ">\r\n"
                        + "From: news@mycompany.example\r\nTo: " + complainer + "\r\nMessage-ID: " + original
                        + "\r\n\r\n--F--\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A mailing from the alias domain to the list, sent. */
    private long sent(String subject, String body, long list) {
        long mailing = admin.post(
                        "/api/mailings",
                        Map.of(
                                "subject",
                                subject,
                                "body",
                                body,
                                "emailFrom",
                                "news@mycompany.example",
                                "recipients",
                                Map.of("listIds", List.of(list))))
                .id();
        assertThat(admin.post("/api/mailings/" + mailing + "/send", Map.of()).status())
                .isEqualTo(200);
        return mailing;
    }

    private MimeMessage received(String address) {
        return await().atMost(Duration.ofSeconds(20))
                .until(() -> ReceivedMail.to(smtp.getReceivedMessages(), address), mails -> !mails.isEmpty())
                .get(0);
    }

    private JsonNode logged(String subject) {
        return admin.get("/api/inbound-log")
                .json()
                .valueStream()
                .filter(entry ->
                        (subject + " " + unique).equals(entry.get("subject").asString()))
                .findFirst()
                .orElseThrow();
    }

    private byte[] mail(String from, String to, String subject, String inReplyTo) {
        String headers = "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + " " + unique
                + "\r\nMessage-ID: <" + UUID.randomUUID()
                + "@customer.example>\r\nDate: Sat, 5 Dec 2026 08:00:00 +0000\r\n"
                + (inReplyTo == null ? "" : "In-Reply-To: " + inReplyTo + "\r\nReferences: " + inReplyTo + "\r\n")
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n";
        String body = inReplyTo == null ? "\r\n" : "Thank you, count me in.\r\n";
        return (headers + body).getBytes(StandardCharsets.UTF_8);
    }

    private String contact(String name, long list) {
        String email = name + "." + unique + "@customer.example";
        admin.post("/api/mailing-contacts", Map.of("name", name, "email", email, "listIds", List.of(list)));
        return email;
    }

    private static String match(String value, String pattern) {
        assertThat(value).isNotNull();
        Matcher matcher = Pattern.compile(pattern).matcher(value);
        assertThat(matcher.find()).as(value).isTrue();
        return matcher.group(1);
    }
}
