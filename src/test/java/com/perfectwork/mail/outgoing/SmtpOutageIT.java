package com.perfectwork.mail.outgoing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.OutgoingFixture;
import com.perfectwork.mail.ScriptedSmtpServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The SMTP server stops in the middle of a queue of 1 000 mails and comes back a while later: the mails wait as
 * {@code outgoing} with the reason in the queue, more are posted meanwhile, and once the server is back every one is
 * delivered, none left behind, none failed.
 */
@ApiTest
class SmtpOutageIT {

    private static final int FOLLOWERS = 40;
    private static final int POSTS = 25;
    /** {@code perfectwork.mail.queue.connections}' default: connections open at once to the server. */
    private static final int CONNECTIONS = 2;

    @LocalServerPort
    int port;

    ApiClient admin;
    OutgoingFixture fixture;
    final List<ScriptedSmtpServer> sinks = new ArrayList<>();

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        fixture = new OutgoingFixture(admin).noServers().catchallDomain("mycompany.example");
    }

    @AfterEach
    void tearDown() {
        fixture.noServers();
        sinks.forEach(ScriptedSmtpServer::close);
    }

    @Test
    void mailsWaitWithTheReasonWhileTheServerIsDownAndAllGoWhenItIsBack() {
        // slow enough that the stop meets a queue still sending
        ScriptedSmtpServer sink = sink(ScriptedSmtpServer.start().slowDown(5));
        int sinkPort = sink.port();
        fixture.server("outage", sinkPort, null, 10, Map.of());
        // the queue is shared with the other tests of the context: this test looks only at its own record's mails
        String name = "Outage " + java.util.UUID.randomUUID().toString().substring(0, 8);
        long record = fixture.record(name);
        for (int i = 0; i < FOLLOWERS; i++) {
            fixture.follower(record, "Follower" + i, "customer.example");
        }
        long author = fixture.author("Ann", "mycompany.example");
        for (int i = 0; i < POSTS; i++) {
            fixture.post(record, author, null, "<p>update " + i + "</p>");
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> sink.accepted().size() >= FOLLOWERS * POSTS / 5);
        sink.close();
        int acceptedBeforeStop = sink.accepted().size();
        // the load goes on while the server is down
        for (int i = POSTS; i < POSTS + 5; i++) {
            fixture.post(record, author, null, "<p>update " + i + " while the server is down</p>");
        }
        int expected = FOLLOWERS * (POSTS + 5);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<JsonNode> waiting = ours(name, "outgoing");
            assertThat(waiting.size()).as("deferred, not failed").isGreaterThan(FOLLOWERS * 5);
            assertThat(waiting)
                    .filteredOn(mail -> mail.get("attempts").asInt() > 0)
                    .isNotEmpty()
                    .allSatisfy(mail -> assertThat(mail.get("failureReason").asString())
                            .containsIgnoringCase("connection refused"));
            // down for a while: tried again, still waiting
            assertThat(waiting).anyMatch(mail -> mail.get("attempts").asInt() >= 2);
        });
        assertThat(ours(name, "exception")).isEmpty();
        assertThat(sink.accepted().size()).isEqualTo(acceptedBeforeStop);

        ScriptedSmtpServer back = sink(ScriptedSmtpServer.startOn(sinkPort));
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> distinct() >= expected);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(ours(name, "outgoing")).isEmpty());

        int delivered = sinks.stream().mapToInt(s -> s.accepted().size()).sum();
        System.out.printf(
                "SMTP outage: %d mails, %d accepted before the stop, %d after it came back, %d duplicates%n",
                expected, acceptedBeforeStop, back.accepted().size(), delivered - distinct());
        assertThat(distinct()).isEqualTo(expected);
        assertThat(delivered - distinct())
                .as("at most the mail in flight on each connection when the server stopped is sent again")
                .isLessThanOrEqualTo(CONNECTIONS);
        assertThat(ours(name, "exception")).isEmpty();
        JsonNode thread = admin.get("/api/records/" + record + "/messages").json();
        assertThat(thread.valueStream().filter(m -> m.get("deliveryFailed").asBoolean()))
                .as("no red envelope: every notification went")
                .isEmpty();
    }

    /** The mails of the record named so in this state (their subject is "Re: " and its name). */
    private List<JsonNode> ours(String recordName, String state) {
        return fixture.queue(state).stream()
                .filter(mail -> mail.get("subject").asString().equals("Re: " + recordName))
                .toList();
    }

    private ScriptedSmtpServer sink(ScriptedSmtpServer sink) {
        sinks.add(sink);
        return sink;
    }

    /** Different mails accepted by the server before and after its stop. */
    private int distinct() {
        return ScriptedSmtpServer.distinct(
                sinks.stream().flatMap(s -> s.accepted().stream()).toList());
    }
}
