package com.perfectwork.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.HostileMail;
import com.perfectwork.mail.OutgoingFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Mail written to hurt, as anyone may send it, through {@code POST /api/inbound}: text that made the parsers'
 * patterns take minutes is taken in well under a second (the bound here only guards against a hang), a MIME structure
 * nested too deep is kept as failed with its reason, and a mail of too many parts is taken without the rest, saying
 * so.
 */
@ApiTest
class HostileMailIT {

    /**
     * Far above what these take, even on a cold server on a busy machine (sanitizing a megabyte of HTML is most of
     * it), far below the minutes they took.
     */
    private static final Duration HANG = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    ApiClient admin;
    String alias;

    @BeforeEach
    void anAlias() {
        admin = ApiClient.admin(port);
        new OutgoingFixture(admin).catchallDomain("mycompany.example");
        alias = "hostile-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient.Response created = admin.post("/api/aliases", Map.of("name", alias, "model", "crm.lead"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    @Test
    void aBounceOfFourThousandDashesIsTakenWellUnderASecond() {
        byte[] raw = mail(
                "MAILER-DAEMON@mx.customer.example",
                "bounce@mycompany.example",
                "Undelivered Mail Returned to Sender",
                "Content-Type: text/plain",
                "-".repeat(4000));

        JsonNode result = assertTimeoutPreemptively(HANG, () -> gateway(raw));

        assertThat(result.get("outcome").asString()).isEqualTo("bounce");
        assertThat(result.get("bounce").get("attributed").asBoolean()).isFalse();
    }

    @Test
    void aOneMegabyteSingleLineBodyIsPostedWellUnderASecond() {
        byte[] raw = mail(
                "ann@customer.example",
                alias + "@mycompany.example",
                "Content-Type: text/html; charset=utf-8",
                "<p>Hello</p>" + "<b> </b>".repeat(131_072));

        JsonNode result = assertTimeoutPreemptively(HANG, () -> gateway(raw));

        assertThat(result.get("outcome").asString()).as(result.toString()).isEqualTo("created");
    }

    @Test
    void aSubjectLongerThanARecordNameNamesTheRecordItCreates() {
        String subject = "Order 42 ".repeat(10_000);

        JsonNode result = gateway(mail(
                "ann@customer.example", alias + "@mycompany.example", subject, "Content-Type: text/plain", "Hello"));

        assertThat(result.get("outcome").asString()).as(result.toString()).isEqualTo("created");
        assertThat(admin.get("/api/records/" + result.get("recordId").asLong())
                        .json()
                        .get("name")
                        .asString())
                .isEqualTo(subject.substring(0, 512).strip());
    }

    @Test
    void aMailNestedFiveThousandLevelsDeepIsKeptAsFailedWithItsReason() {
        byte[] raw = mail("ann@customer.example", alias + "@mycompany.example", HostileMail.nested(5000), "deep down");

        JsonNode result = gateway(raw);

        assertThat(result.get("outcome").asString()).as(result.toString()).isEqualTo("failed");
        assertThat(result.get("reason").asString()).contains("MIME structure nested deeper than 50 levels");
        long id = result.get("logId").asLong();
        assertThat(admin.get("/api/inbound-log/" + id).json().get("outcome").asString())
                .isEqualTo("failed");
        // its bytes are kept, to be looked at or processed again
        assertThat(admin.get("/api/inbound-log/" + id + "/raw").body()).hasSize(raw.length);
    }

    @Test
    void aMailOfMoreThanAThousandPartsIsTakenWithANote() {
        // to no alias: routed and dropped, its 999 parts not stored (MailParserTest counts them)
        byte[] raw = mail(
                "ann@customer.example",
                "nobody@elsewhere.example",
                "Content-Type: multipart/mixed; boundary=\"p\"",
                HostileMail.parts(1001));

        JsonNode result = gateway(raw);

        assertThat(result.get("outcome").asString()).as(result.toString()).isEqualTo("dropped");
        String note = "; more than 1000 MIME parts: the parts after the 1000th were not read";
        assertThat(result.get("reason").asString()).startsWith("no route").endsWith(note);
        assertThat(admin.get("/api/inbound-log/" + result.get("logId").asLong())
                        .json()
                        .get("reason")
                        .asString())
                .endsWith(note);
    }

    private JsonNode gateway(byte[] raw) {
        ApiClient.Response response = admin.postBytes("/api/inbound", "message/rfc822", raw);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static byte[] mail(String from, String to, String contentHeaders, String body) {
        return mail(from, to, "Hostile " + UUID.randomUUID(), contentHeaders, body);
    }

    private static byte[] mail(String from, String to, String subject, String contentHeaders, String body) {
        return ("From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject
                        + "\r\nMessage-ID: <" + UUID.randomUUID() + "@customer.example>\r\nMIME-Version: 1.0\r\n"
                        + contentHeaders + "\r\n\r\n" + body + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
