package com.perfectwork.mail.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.OutgoingFixture;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Every bounce fixture through {@code POST /api/inbound}, as a mail server delivers it: routing finds each report
 * (to the bounce address, a report Content-Type, or its looks: a mailer daemon's From, a null Return-Path…), the
 * outcome is {@code bounce} with what the table says (a delay warning too), and what is no bounce (an auto-reply, a
 * read receipt, a delivery notice) is dropped, never posted nor answered.
 * None of them is about a mail this server sent: none is attributed, none changes anything.
 */
@ApiTest
class BounceFixturesIT {

    @LocalServerPort
    int port;

    ApiClient admin;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        new OutgoingFixture(admin).catchallDomain("mycompany.example");
    }

    static Stream<DsnParserTest.Row> rows() throws Exception {
        return DsnParserTest.rows();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eachReportIsTakenAsTheTableSays(DsnParserTest.Row row) throws Exception {
        ApiClient.Response response = admin.postBytes(
                "/api/inbound",
                "message/rfc822",
                DsnParserTest.resource(row.file()).getBytes(StandardCharsets.ISO_8859_1));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode result = response.json();
        if (!row.bounce()) {
            assertThat(result.get("outcome").asString()).as(result.toString()).isEqualTo("dropped");
            assertThat(result.get("bounce").isNull()).isTrue();
            return;
        }
        assertThat(result.get("outcome").asString()).as(result.toString()).isEqualTo("bounce");
        JsonNode bounce = result.get("bounce");
        assertThat(bounce.get("reason").asString()).as(result.toString()).isEqualTo(row.reason());
        assertThat(bounce.get("complaint").asBoolean()).isEqualTo(row.complaint());
        assertThat(bounce.get("hard").asBoolean()).isEqualTo(row.hard().equals("yes"));
        if (!row.email().equals("-")) {
            assertThat(bounce.get("email").asString()).isEqualTo(row.email());
        }
        // none is about a mail this server sent: each is recorded, and changes nothing
        assertThat(bounce.get("attributed").asBoolean()).as(result.toString()).isFalse();
        assertThat(bounce.get("mailId").isNull()).isTrue();
        // what reading left aside (a body read as text) follows, for the inbound log
        assertThat(result.get("reason").asString()).contains("not attributed: ").contains(", nothing changed");
        if (!row.tag().equals("-")) {
            // the fixtures' tags were made with a key of their own, not this server's: forged, here, every one
            assertThat(result.get("reason").asString()).contains("a forged bounce, nothing changed");
        }
    }
}
