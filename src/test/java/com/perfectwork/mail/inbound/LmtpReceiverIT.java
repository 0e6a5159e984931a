package com.perfectwork.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.OutgoingFixture;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Mail handed over LMTP, as Postfix's {@code lmtp} transport does it: LHLO, recipients checked one by one, and
 * after DATA one reply per accepted recipient; the body dot-unstuffed.
 */
@ApiTest
class LmtpReceiverIT {

    @LocalServerPort
    int port;

    @Autowired
    LmtpReceiver receiver;

    ApiClient admin;
    String tag;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        new OutgoingFixture(admin).noServers().catchallDomain("mycompany.example");
        tag = UUID.randomUUID().toString().substring(0, 6);
    }

    @Test
    void aMailToTwoAliasesIsStoredOnceAndAnsweredPerRecipient() throws Exception {
        admin.post("/api/aliases", Map.of("name", "sales-" + tag, "model", "crm.lead"));
        admin.post("/api/aliases", Map.of("name", "help-" + tag, "model", "helpdesk.ticket"));
        try (ReceiverClient lmtp = new ReceiverClient(receiver.port().orElseThrow())) {
            assertThat(lmtp.read()).startsWith("220 ");
            assertThat(lmtp.send("EHLO relay.example")).startsWith("500 ");
            assertThat(lmtp.send("LHLO relay.example")).startsWith("250 SIZE ");
            assertThat(lmtp.send("MAIL FROM:<client@else.example>")).startsWith("250 ");
            assertThat(lmtp.send("RCPT TO:<sales-" + tag + "@mycompany.example>"))
                    .startsWith("250 ");
            assertThat(lmtp.send("RCPT TO:<victim@elsewhere.example>")).startsWith("550 5.1.1");
            assertThat(lmtp.send("RCPT TO:<help-" + tag + "@mycompany.example>"))
                    .startsWith("250 ");
            assertThat(lmtp.send("DATA")).startsWith("354 ");
            List<String> replies = lmtp.send(
                    "From: client@else.example\r\nTo: someone@else.example\r\nSubject: Over LMTP " + tag
                            + "\r\nMessage-ID: <" + UUID.randomUUID() + "@else.example>\r\n\r\nFirst line.\r\n"
                            + "..a line that starts with a dot\r\n.",
                    2);
            assertThat(replies)
                    .as("one reply per accepted recipient, after DATA")
                    .satisfiesExactly(
                            first -> assertThat(first)
                                    .startsWith("250 2.0.0 <sales-" + tag + "@mycompany.example> stored as ")
                                    .endsWith("(created)"),
                            second -> assertThat(second)
                                    .startsWith("250 2.0.0 <help-" + tag + "@mycompany.example> stored as "));
            assertThat(lmtp.send("QUIT")).startsWith("221 ");
        }
        for (String model : List.of("crm.lead", "helpdesk.ticket")) {
            JsonNode record = admin.get("/api/records?model=" + model + "&limit=1000")
                    .json()
                    .valueStream()
                    .filter(r -> r.get("name").asString().equals("Over LMTP " + tag))
                    .findFirst()
                    .orElseThrow();
            JsonNode message = admin.get("/api/records/" + record.get("id").asLong() + "/messages")
                    .json()
                    .get(0);
            assertThat(message.get("strippedText").asString()).isEqualTo("First line.\n.a line that starts with a dot");
        }
        assertThat(admin.get("/api/inbound-log?limit=1000")
                        .json()
                        .valueStream()
                        .filter(m ->
                                ("Over LMTP " + tag).equals(m.get("subject").asString())))
                .as("stored once for both recipients")
                .hasSize(1);
    }

    @Test
    void dataWithoutAnAcceptedRecipientIsRefused() throws Exception {
        try (ReceiverClient lmtp = new ReceiverClient(receiver.port().orElseThrow())) {
            lmtp.read();
            assertThat(lmtp.send("MAIL FROM:<a@else.example>")).startsWith("503 ");
            lmtp.send("LHLO relay.example");
            lmtp.send("MAIL FROM:<a@else.example>");
            assertThat(lmtp.send("RCPT TO:<b@elsewhere.example>")).startsWith("550 ");
            assertThat(lmtp.send("DATA")).startsWith("503 ");
        }
    }
}
