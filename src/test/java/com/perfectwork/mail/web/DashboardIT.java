package com.perfectwork.mail.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.OutgoingFixture;
import com.perfectwork.mail.ScriptedSmtpServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard's figures follow what the queue and the inbound pipeline did. Other tests share the database, so
 * each test reads the page before and after what it does, and compares the two.
 */
@ApiTest
class DashboardIT {

    @LocalServerPort
    int port;

    ApiClient admin;
    OutgoingFixture fixture;
    ScriptedSmtpServer smtp;
    FormSession page;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        fixture = new OutgoingFixture(admin).noServers().catchallDomain("mycompany.example");
        page = new FormSession(port);
        page.login("admin", ApiTest.ADMIN_PASSWORD);
    }

    @AfterEach
    void tearDown() {
        fixture.noServers();
        if (smtp != null) {
            smtp.close();
        }
    }

    @Test
    void aSentAndARefusedMailCountTodayAsSentAndFailed() {
        String refused = "nobody." + UUID.randomUUID().toString().substring(0, 6) + "@customer.example";
        smtp = ScriptedSmtpServer.start().refuseRecipient(refused, 550, "5.1.1 <" + refused + ">: no such user");
        fixture.server("customer mx", smtp.port(), null, 1, Map.of());
        long record = fixture.record("Dashboard");
        String accepted = fixture.follower(record, "Mary", "customer.example")
                .get("email")
                .asString();
        admin.post("/api/records/" + record + "/followers", Map.of("name", "Nobody", "email", refused));
        String today = "day-" + LocalDate.now(ZoneOffset.UTC);
        String before = dashboard();

        fixture.post(record, fixture.author("Ann Seller", "mycompany.example"), "Delivery", "<p>Friday?</p>");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> fixture.mailTo(accepted).get("state").asString().equals("sent")
                        && fixture.mailTo(refused).get("state").asString().equals("exception"));

        String after = dashboard();
        assertThat(figure(after, "total-sent")).isEqualTo(figure(before, "total-sent") + 1);
        assertThat(figure(after, "total-failed")).isEqualTo(figure(before, "total-failed") + 1);
        assertThat(figure(after, "total-bounced")).isEqualTo(figure(before, "total-bounced"));
        assertThat(dayRow(after, today)).isNotEqualTo(dayRow(before, today));
        assertThat(after).contains("<svg", "<title>" + LocalDate.now(ZoneOffset.UTC) + ": ");
    }

    @Test
    void aMailWaitingForAServerIsTheQueueDepthAndItsAgeIsShown() {
        long record = fixture.record("Waiting");
        fixture.follower(record, "Mary", "customer.example");
        long depthBefore = figure(dashboard(), "queue-depth");

        fixture.post(record, fixture.author("Ann Seller", "mycompany.example"), "Waits", "<p>No server yet</p>");

        String after = dashboard();
        assertThat(figure(after, "queue-depth")).isEqualTo(depthBefore + 1);
        assertThat(after).containsPattern("id=\"queue-oldest\">\\d+ (s|min)<");
    }

    @Test
    void receivedMailIsCountedByOutcome() {
        String before = dashboard();
        String mail = "From: Someone <someone@elsewhere.example>\r\nTo: nobody@elsewhere.example\r\n"
                + "Subject: Lost\r\nMessage-ID: <" + UUID.randomUUID() + "@elsewhere.example>\r\n\r\nHello\r\n";

        ApiClient.Response answer =
                admin.postBytes("/api/inbound", "message/rfc822", mail.getBytes(StandardCharsets.US_ASCII));

        assertThat(answer.json().get("outcome").asString()).isEqualTo("dropped");
        String after = dashboard();
        assertThat(inbound(after, "dropped")).isEqualTo(inbound(before, "dropped") + 1);
        assertThat(inbound(after, "posted")).isEqualTo(inbound(before, "posted"));
    }

    private String dashboard() {
        FormSession.Page answer = page.get("/web/dashboard");
        assertThat(answer.status()).isEqualTo(200);
        return answer.body();
    }

    private static long figure(String html, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\">(\\d+)<").matcher(html);
        assertThat(m.find()).as(id + " on the dashboard").isTrue();
        return Long.parseLong(m.group(1));
    }

    private static long inbound(String html, String outcome) {
        Matcher m = Pattern.compile("id=\"inbound-" + outcome + "\">\\s*<td>[a-z]+</td><td>(\\d+)</td>")
                .matcher(html);
        assertThat(m.find()).as(outcome + " on the dashboard").isTrue();
        return Long.parseLong(m.group(1));
    }

    private static String dayRow(String html, String id) {
        Matcher m =
                Pattern.compile("id=\"" + id + "\">(.*?)</tr>", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as(id + " on the dashboard").isTrue();
        return m.group(1);
    }
}
