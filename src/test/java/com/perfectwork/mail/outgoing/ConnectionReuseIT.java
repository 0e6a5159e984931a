package com.perfectwork.mail.outgoing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.OutgoingFixture;
import com.perfectwork.mail.ScriptedSmtpServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A connection is kept a few seconds after a pass of the queue, so the next pass sends over it; one the server
 * dropped meanwhile is replaced without failing a mail; one kept longer than that is closed.
 */
@ApiTest
class ConnectionReuseIT {

    @LocalServerPort
    int port;

    OutgoingFixture fixture;
    ScriptedSmtpServer scripted;
    long record;
    long author;

    @BeforeEach
    void setUp() {
        fixture = new OutgoingFixture(ApiClient.admin(port)).noServers().catchallDomain("mycompany.example");
        scripted = ScriptedSmtpServer.start();
        fixture.server("relay", scripted.port(), null, 10, Map.of());
        record = fixture.record("Reuse");
        author = fixture.author("Ann", "mycompany.example");
    }

    @AfterEach
    void tearDown() {
        fixture.noServers();
        scripted.close();
    }

    @Test
    void theNextPassSendsOverTheKeptConnection() {
        String mary = follower("Mary");
        String first = sent(mary, "first");
        String second = sent(mary, "second");
        assertThat(second).as("the second pass's connection").isEqualTo(first);
    }

    @Test
    void aConnectionTheServerDroppedIsReplacedWithoutDeferringTheMail() {
        String mary = follower("Mary");
        String first = sent(mary, "before the restart");
        int port = scripted.port();
        scripted.close();
        scripted = ScriptedSmtpServer.startOn(port);
        String second = sent(mary, "after the restart");
        assertThat(second).isNotEqualTo(first);
        JsonNode mail = fixture.queue("sent").stream()
                .filter(m -> m.get("emailTo").asString().contains(mary))
                .filter(m -> m.get("subject").asString().equals("after the restart"))
                .findFirst()
                .orElseThrow();
        assertThat(mail.get("attempts").asInt()).as("sent at the first attempt").isEqualTo(1);
    }

    @Test
    void aConnectionKeptLongerThanItsTimeIsClosedAndANewOneOpened() throws InterruptedException {
        String mary = follower("Mary");
        String first = sent(mary, "first");
        Thread.sleep((SmtpConnections.KEEP_IDLE_SECONDS + 2) * 1000L);
        String later = sent(mary, "later");
        assertThat(later).isNotEqualTo(first);
    }

    private String follower(String name) {
        return fixture.follower(record, name, "customer.example").get("email").asString();
    }

    /** Posts a comment and waits until the server accepted it; the session it came over. */
    private String sent(String recipient, String subject) {
        int before = scripted.acceptedFor(recipient).size();
        fixture.post(record, author, subject, "<p>" + subject + "</p>");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> scripted.acceptedFor(recipient).size() == before + 1);
        return scripted.acceptedFor(recipient).get(before).session();
    }
}
