package com.perfectwork.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.MailFixtures;
import com.perfectwork.mail.OutgoingFixture;
import jakarta.mail.Address;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Mail delivered over SMTP to the receiver, as an MTA in front of the server delivers it. */
@ApiTest
class SmtpReceiverIT {

    @LocalServerPort
    int port;

    @Autowired
    SmtpReceiver receiver;

    ApiClient admin;
    String tag;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        new OutgoingFixture(admin).noServers().catchallDomain("mycompany.example");
        tag = UUID.randomUUID().toString().substring(0, 6);
    }

    @Test
    void aReplyDeliveredOverSmtpLandsInItsThread() throws Exception {
        long record = admin.post("/api/records", Map.of("model", "crm.lead", "name", "Over SMTP"))
                .id();
        String mary = "mary." + tag + "@customer.example";
        admin.post("/api/records/" + record + "/followers", Map.of("name", "Mary", "email", mary));
        String notification = admin.post("/api/records/" + record + "/messages", Map.of("body", "<p>Question?</p>"))
                .json()
                .get("messageId")
                .asString();
        byte[] reply = MailFixtures.load(
                "replies/gmail-reply.eml", Map.of("FROM", mary, "MESSAGE_ID", notification, "ROOT_ID", "r@x.example"));
        send(reply, "catchall@mycompany.example");
        JsonNode thread = admin.get("/api/records/" + record + "/messages").json();
        assertThat(thread.size()).as("posted before the 250 came back").isEqualTo(2);
        assertThat(thread.get(1).get("authorName").asString()).isEqualTo("Mary");
    }

    @Test
    void anAliasReachedByBccIsFoundThroughTheEnvelope() throws Exception {
        admin.post("/api/aliases", Map.of("name", "support-" + tag, "model", "helpdesk.ticket"));
        byte[] raw = ("From: client@else.example\r\nTo: someone@else.example\r\nSubject: Printer " + tag
                        + "\r\nMessage-ID: <" + UUID.randomUUID() + "@else.example>\r\n\r\nIt is broken.\r\n")
                .getBytes();
        send(raw, "support-" + tag + "@mycompany.example");
        assertThat(admin.get("/api/records?model=helpdesk.ticket&limit=1000")
                        .json()
                        .valueStream()
                        .map(r -> r.get("name").asString()))
                .contains("Printer " + tag);
    }

    @Test
    void itIsNeverAnOpenRelay() throws Exception {
        byte[] raw = ("From: spammer@else.example\r\nTo: victim@elsewhere.example\r\nSubject: relay?\r\n\r\nx\r\n")
                .getBytes();
        assertThatThrownBy(() -> send(raw, "victim@elsewhere.example"))
                .isInstanceOf(SendFailedException.class)
                .hasStackTraceContaining("550");
        assertThat(admin.get("/api/inbound-log?limit=1000")
                        .json()
                        .valueStream()
                        .noneMatch(m -> "relay?".equals(m.get("subject").asString())))
                .isTrue();
    }

    @Test
    void aMailThatCannotBeProcessedIsRefusedFor554AndTheNextMailOfTheSessionGoesThrough() throws Exception {
        // today a StackOverflowError; with a limit on MIME nesting, the parser's refusal: either way failed
        admin.post("/api/aliases", Map.of("name", "deep-" + tag, "model", "helpdesk.ticket"));
        String to = "deep-" + tag + "@mycompany.example";
        try (ReceiverClient smtp =
                ReceiverClient.greeted(receiver.port().orElseThrow(), "EHLO relay.example", 120_000)) {
            assertThat(smtp.send("MAIL FROM:<deep@else.example>")).startsWith("250 ");
            assertThat(smtp.send("RCPT TO:<" + to + ">")).startsWith("250 ");
            assertThat(smtp.send("DATA")).startsWith("354 ");
            assertThat(smtp.data(DeepMail.nested(5_000, "Deep " + tag, "deep-" + tag + "@else.example", to)))
                    .as("the mail's own failure: permanent, the sender does not send it again")
                    .startsWith("554 5.6.0 ");

            assertThat(smtp.send("MAIL FROM:<client@else.example>")).startsWith("250 ");
            assertThat(smtp.send("RCPT TO:<" + to + ">")).startsWith("250 ");
            assertThat(smtp.send("DATA")).startsWith("354 ");
            assertThat(smtp.data(("From: client@else.example\r\nTo: " + to + "\r\nSubject: After " + tag
                                    + "\r\nMessage-ID: <after-" + tag + "@else.example>\r\n\r\nStill here.\r\n")
                            .getBytes()))
                    .startsWith("250 2.0.0 stored as ")
                    .endsWith("(created)");
            assertThat(smtp.send("QUIT")).startsWith("221 ");
        }
        JsonNode failed = admin.get("/api/inbound-log?outcome=failed&limit=1000")
                .json()
                .valueStream()
                .filter(m -> ("Deep " + tag).equals(m.get("subject").asString()))
                .findFirst()
                .orElseThrow();
        assertThat(failed.get("source").asString()).isEqualTo("smtp");
        assertThat(failed.get("reason").asString()).contains(" while parsing: ");
    }

    private void send(byte[] raw, String recipient) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(receiver.port().orElseThrow()));
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
        Transport.send(message, new Address[] {new InternetAddress(recipient)});
    }
}
