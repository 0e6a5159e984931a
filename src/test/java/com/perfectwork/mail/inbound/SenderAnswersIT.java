package com.perfectwork.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.OutgoingFixture;
import com.perfectwork.mail.ReceivedMail;
import jakarta.mail.internet.InternetAddress;
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

/**
 * The senders of mail that is not taken are told why, through the real queue and a real SMTP server: mail to the
 * catchall only, mail an alias's contact policy refuses, mail stopped as a loop. At most one answer an hour reaches
 * an address, and auto-replies, mailing lists and bounces are never answered.
 */
@ApiTest
class SenderAnswersIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @LocalServerPort
    int port;

    ApiClient admin;
    OutgoingFixture fixture;
    String tag;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        fixture = new OutgoingFixture(admin)
                .noServers()
                .catchallDomain("mycompany.example")
                .parameter("company.name", "Perfect Chairs")
                .parameter("company.email", "contact@mycompany.example");
        // the alias domain is the server's own: answers keep their From (a server without filter rewrites it)
        fixture.server("local", smtp.getSmtp().getPort(), "mycompany.example", 10, Map.of());
        tag = UUID.randomUUID().toString().substring(0, 6);
    }

    @AfterEach
    void tearDown() {
        fixture.noServers().parameter("company.email", null).parameter("mail.gateway.loop.threshold", "20");
    }

    @Test
    void mailToTheCatchallOnlyIsAnsweredOnceAnHourFromTheMailerDaemon() throws Exception {
        String stranger = "stranger." + tag + "@outside.example";
        String original = "<first." + tag + "@outside.example>";
        JsonNode result = receive("From: Stranger <" + stranger + ">\r\nTo: catchall@mycompany.example\r\n"
                + "Subject: Price of chairs\r\nMessage-ID: " + original + "\r\n\r\nHow much is a chair?\r\n");
        assertThat(result.get("outcome").asString()).isEqualTo("dropped");
        assertThat(result.get("reason").asString())
                .contains("catchall address only")
                .contains("answered (mail ");

        MimeMessage answer = awaitAnswerTo(stranger);
        assertThat(((InternetAddress) answer.getFrom()[0]).getAddress()).isEqualTo("bounce@mycompany.example");
        assertThat(((InternetAddress) answer.getFrom()[0]).getPersonal()).isEqualTo("MAILER-DAEMON");
        assertThat(answer.getSubject()).isEqualTo("Re: Price of chairs");
        assertThat(answer.getHeader("In-Reply-To", null)).isEqualTo(original);
        assertThat(answer.getHeader("References", null)).isEqualTo(original);
        assertThat(answer.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        String body = answer.getContent().toString();
        assertThat(body)
                .contains("The email sent to catchall@mycompany.example cannot be processed")
                .contains("should not be used to directly contact Perfect Chairs")
                .contains("Please contact us instead using contact@mycompany.example.")
                .contains("> How much is a chair?");
        assertThat(fixture.mailTo(stranger).get("state").asString()).isEqualTo("sent");

        // within the hour, the same address is not answered again
        JsonNode again = receive("From: " + stranger + "\r\nTo: catchall@mycompany.example\r\nSubject: Hello?\r\n"
                + "Message-ID: <second." + tag + "@outside.example>\r\n\r\nAnyone?\r\n");
        assertThat(again.get("reason").asString()).contains("was answered less than an hour ago");
        assertThat(fixture.queue(null).stream()
                        .filter(m -> m.get("emailTo").asString().contains(stranger)))
                .hasSize(1);
    }

    @Test
    void theAnswerGoesToTheReturnPath() throws Exception {
        String sender = "list-owner." + tag + "@outside.example";
        receive("Return-Path: <" + sender + ">\r\nFrom: Person <person." + tag + "@outside.example>\r\n"
                + "To: catchall@mycompany.example\r\nSubject: Hi\r\nMessage-ID: <rp." + tag
                + "@outside.example>\r\n\r\nHi\r\n");
        awaitAnswerTo(sender);
        assertThat(ReceivedMail.to(smtp.getReceivedMessages(), "person." + tag + "@outside.example"))
                .isEmpty();
    }

    @Test
    void autoRepliesMailingListsAndBouncesAreNeverAnswered() throws Exception {
        String away = "away." + tag + "@outside.example";
        String list = "list." + tag + "@outside.example";
        String bounced = "bounced." + tag + "@outside.example";
        assertThat(receive("From: " + away + "\r\nTo: catchall@mycompany.example\r\nSubject: Out of office\r\n"
                                + "Auto-Submitted: auto-replied\r\n\r\nI am away.\r\n")
                        .get("reason")
                        .asString())
                .contains("not answered: an automatic reply is never answered");
        assertThat(receive("From: " + list + "\r\nTo: catchall@mycompany.example\r\nSubject: [chairs] news\r\n"
                                + "List-Id: Chairs <chairs.lists.outside.example>\r\n\r\nNews.\r\n")
                        .get("reason")
                        .asString())
                .contains("not answered: a mailing list is never answered");
        assertThat(receive("Return-Path: <>\r\nFrom: " + bounced + "\r\nTo: catchall@mycompany.example\r\n"
                                + "Subject: Returned\r\n\r\nReturned.\r\n")
                        .get("reason")
                        .asString())
                .contains("not answered: the mail has no sender to answer");

        // a control mail queued after them is delivered: had the others been answered, they would be there too
        String control = "control." + tag + "@outside.example";
        receive("From: " + control + "\r\nTo: catchall@mycompany.example\r\nSubject: Control\r\n\r\nHi\r\n");
        awaitAnswerTo(control);
        for (String silent : List.of(away, list, bounced)) {
            assertThat(ReceivedMail.to(smtp.getReceivedMessages(), silent)).isEmpty();
        }
    }

    @Test
    void aSenderTheContactPolicyRefusesIsToldWhyQuotingTheOriginal() throws Exception {
        admin.post("/api/aliases", Map.of("name", "vip-" + tag, "model", "crm.lead", "contactPolicy", "partners"));
        String stranger = "unknown." + tag + "@outside.example";
        JsonNode refused = receive("From: " + stranger + "\r\nTo: vip-" + tag + "@mycompany.example\r\n"
                + "Subject: Let me in\r\nMessage-ID: <vip." + tag + "@outside.example>\r\n\r\nPlease.\r\n");
        assertThat(refused.get("outcome").asString()).isEqualTo("rejected");
        assertThat(refused.get("reason").asString())
                .contains("known contacts only")
                .contains("answered (mail ");

        MimeMessage answer = awaitAnswerTo(stranger);
        assertThat(((InternetAddress) answer.getFrom()[0]).getAddress()).isEqualTo("bounce@mycompany.example");
        assertThat(answer.getContent().toString())
                .contains("Your email could not be delivered: the alias vip-" + tag
                        + " accepts mail from known contacts only")
                .contains("> Please.");
    }

    @Test
    void aLoopIsAnsweredWithAMarkerWhoseRepliesAreIgnored() throws Exception {
        fixture.parameter("mail.gateway.loop.threshold", "2");
        admin.post("/api/aliases", Map.of("name", "echo-" + tag, "model", "crm.lead"));
        String robot = "robot." + tag + "@responder.example";
        for (int i = 0; i < 2; i++) {
            assertThat(receive("From: " + robot + "\r\nTo: echo-" + tag + "@mycompany.example\r\nSubject: Ticket " + i
                                    + "\r\n\r\nNew ticket.\r\n")
                            .get("outcome")
                            .asString())
                    .isEqualTo("created");
        }
        JsonNode stopped = receive("From: " + robot + "\r\nTo: echo-" + tag + "@mycompany.example\r\n"
                + "Subject: Ticket 3\r\n\r\nNew ticket.\r\n");
        assertThat(stopped.get("outcome").asString()).isEqualTo("dropped");
        assertThat(stopped.get("reason").asString()).startsWith("loop: ").contains("answered (mail ");

        MimeMessage answer = awaitAnswerTo(robot);
        assertThat(answer.getHeader("References", null)).contains("<loop-detection-bounce-email@mycompany.example>");
        assertThat(answer.getContent().toString()).contains("you have contacted this address too many times");

        // the other side answers the warning: ignored, whatever alias it writes to
        JsonNode reply = receive("From: " + robot + "\r\nTo: echo-" + tag + "@mycompany.example\r\n"
                + "Subject: Re: Ticket 3\r\nIn-Reply-To: " + answer.getMessageID() + "\r\nReferences: "
                + answer.getHeader("References", null) + " " + answer.getMessageID() + "\r\n\r\nNew ticket.\r\n");
        assertThat(reply.get("outcome").asString()).isEqualTo("dropped");
        assertThat(reply.get("reason").asString()).isEqualTo("a reply to a loop warning: ignored");
    }

    private MimeMessage awaitAnswerTo(String address) {
        await().atMost(Duration.ofSeconds(15))
                .until(() ->
                        ReceivedMail.to(smtp.getReceivedMessages(), address).size() == 1);
        return ReceivedMail.to(smtp.getReceivedMessages(), address).get(0);
    }

    private JsonNode receive(String raw) {
        ApiClient.Response response =
                admin.postBytes("/api/inbound", "message/rfc822", raw.getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
