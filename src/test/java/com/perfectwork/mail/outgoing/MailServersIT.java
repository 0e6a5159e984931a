package com.perfectwork.mail.outgoing;

import static com.perfectwork.mail.Problems.assertField;
import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.OutgoingFixture;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@ApiTest
@ExtendWith(OutputCaptureExtension.class)
class MailServersIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient admin;
    OutgoingFixture fixture;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        fixture = new OutgoingFixture(admin).noServers();
    }

    @AfterEach
    void tearDown() {
        fixture.noServers();
    }

    @Test
    void createsReadsUpdatesAndDeletesAServerNeverShowingItsPassword(CapturedOutput output) {
        ApiClient.Response created = admin.post(
                "/api/mail-servers",
                Map.of(
                        "name",
                        "Postmark",
                        "host",
                        "smtp.postmarkapp.com",
                        "encryption",
                        "starttls",
                        "username",
                        "token-user",
                        "password",
                        "s3cret-Passw0rd",
                        "fromFilter",
                        "MyCompany.com"));
        assertThat(created.status()).isEqualTo(201);
        JsonNode server = created.json();
        assertThat(server.get("port").asInt()).isEqualTo(587);
        assertThat(server.get("authentication").asString()).isEqualTo("login");
        assertThat(server.get("fromFilter").asString()).isEqualTo("mycompany.com");
        assertThat(server.get("priority").asInt()).isEqualTo(10);
        assertThat(server.get("active").asBoolean()).isTrue();
        assertThat(server.get("verifyCertificates").asBoolean()).isTrue();
        assertThat(server.get("passwordSet").asBoolean()).isTrue();
        assertThat(created.body()).doesNotContain("s3cret-Passw0rd");

        String stored = jdbc.sql("SELECT password_encrypted FROM mail_servers WHERE id = ?")
                .param(created.id())
                .query(String.class)
                .single();
        assertThat(stored).isNotBlank().doesNotContain("s3cret");

        JsonNode updated = admin.put("/api/mail-servers/" + created.id(), Map.of("encryption", "ssl", "priority", 5))
                .json();
        assertThat(updated.get("port").asInt()).as("choosing SSL proposes 465").isEqualTo(465);
        assertThat(updated.get("priority").asInt()).isEqualTo(5);
        assertThat(updated.get("passwordSet").asBoolean())
                .as("an update without password keeps it")
                .isTrue();
        assertThat(jdbc.sql("SELECT password_encrypted FROM mail_servers WHERE id = ?")
                        .param(created.id())
                        .query(String.class)
                        .single())
                .isEqualTo(stored);

        assertThat(admin.get("/api/mail-servers").body())
                .doesNotContain("s3cret-Passw0rd")
                .doesNotContain(stored);
        assertThat(admin.get("/api/mail-servers/" + created.id())
                        .json()
                        .get("name")
                        .asString())
                .isEqualTo("Postmark");
        assertThat(output.getAll()).doesNotContain("s3cret-Passw0rd");

        assertThat(admin.put("/api/mail-servers/" + created.id(), Map.of("password", ""))
                        .json()
                        .get("passwordSet")
                        .asBoolean())
                .isFalse();
        assertThat(admin.delete("/api/mail-servers/" + created.id()).status()).isEqualTo(204);
        assertThat(admin.get("/api/mail-servers/" + created.id()).status()).isEqualTo(404);
        assertThat(admin.delete("/api/mail-servers/" + created.id()).status()).isEqualTo(404);
    }

    @Test
    void serversAreListedByPriorityThenCreationOrder() {
        long third = fixture.server("c", 2525, null, 20, Map.of());
        long first = fixture.server("a", 2525, null, 5, Map.of());
        long second = fixture.server("b", 2525, null, 20, Map.of());
        assertThat(admin.get("/api/mail-servers")
                        .json()
                        .valueStream()
                        .map(s -> s.get("id").asLong()))
                .containsExactly(first, third, second);
    }

    @Test
    void badInputNamesTheField() {
        assertField(post(Map.of("host", "smtp.example.com")), "name");
        assertField(post(Map.of("name", "x")), "host");
        assertField(post(Map.of("name", "x", "host", "not a host")), "host");
        assertField(post(Map.of("name", "x", "host", "smtp.example.com", "port", 70000)), "port");
        assertField(post(Map.of("name", "x", "host", "smtp.example.com", "encryption", "tls13")), "encryption");
        assertField(post(Map.of("name", "x", "host", "smtp.example.com", "authentication", "magic")), "authentication");
        assertField(post(Map.of("name", "x", "host", "smtp.example.com", "authentication", "login")), "username");
        assertField(
                post(Map.of("name", "x", "host", "smtp.example.com", "fromFilter", "a.example,,b.example")),
                "fromFilter");
        assertField(post(Map.of("name", "x", "host", "smtp.example.com", "priority", -1)), "priority");
        assertThat(admin.get("/api/mail-servers").json().size()).isZero();
    }

    @Test
    void onPremisePort25IsAllowed() {
        assertThat(post(Map.of("name", "mx", "host", "127.0.0.1"))
                        .json()
                        .get("port")
                        .asInt())
                .isEqualTo(25);
    }

    @Test
    void anOAuth2ServerNotConnectedYetSaysSoAtTheTest() {
        long server = fixture.server(
                "google",
                2525,
                null,
                10,
                Map.of("authentication", "oauth2", "oauthProvider", "google", "username", "me@gmail.example"));
        JsonNode saved = admin.get("/api/mail-servers/" + server).json();
        assertThat(saved.get("oauthConnected").asBoolean()).isFalse();
        JsonNode test =
                admin.post("/api/mail-servers/" + server + "/test", Map.of()).json();
        assertThat(test.get("ok").asBoolean()).isFalse();
        assertThat(test.get("stage").asString()).isEqualTo("auth");
        assertThat(test.get("message").asString()).contains("OAuth2").contains("not connected yet");
    }

    private ApiClient.Response post(Map<String, Object> body) {
        return admin.post("/api/mail-servers", new HashMap<>(body));
    }
}
