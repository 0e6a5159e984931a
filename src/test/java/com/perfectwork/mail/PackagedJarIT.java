package com.perfectwork.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The packaged jar, started as a newcomer starts it: a fresh data directory, the embedded database, a
 * generated administrator password read from the log; then the README tour; then a restart on the same
 * data directory that keeps everything.
 */
class PackagedJarIT {

    private static final Pattern GENERATED = Pattern.compile("generated password: (\\S+)");

    @TempDir
    Path dataDir;

    @Test
    void startsOnAFreshDataDirectoryWalksTheTourAndKeepsEverythingAcrossARestart() {
        try (ServerProcess server = new ServerProcess(dataDir, List.of(), List.of())) {
            String log = server.start().logText();
            Matcher matcher = GENERATED.matcher(log);
            assertThat(matcher.find()).as(log).isTrue();
            String password = matcher.group(1);
            assertThat(log.split(Pattern.quote(password), -1))
                    .as("the password is printed once")
                    .hasSize(2);

            ApiClient admin = ApiClient.basic(server.port(), "admin", password);
            long record = tour(admin, server.port());

            server.stop();
            assertThat(server.start().logText()).doesNotContain("generated password");

            JsonNode thread = admin.get("/api/records/" + record + "/messages").json();
            assertThat(thread.size()).isEqualTo(1);
            assertThat(thread.get(0).get("body").asString()).isEqualTo("<p>Can you deliver 50 chairs by Friday?</p>");
            assertThat(admin.get("/api/records/" + record + "/followers")
                            .json()
                            .get(0)
                            .get("email")
                            .asString())
                    .isEqualTo("mary@customer.example.com");
            assertThat(admin.get("/api/config-parameters/mail.catchall.domain")
                            .json()
                            .get("value")
                            .asString())
                    .isEqualTo("mycompany.example");
            server.stop();
        }
    }

    /** The README's 5-minute tour; returns the record it created. */
    private long tour(ApiClient admin, int port) {
        ApiClient.Response domain =
                admin.put("/api/config-parameters/mail.catchall.domain", Map.of("value", "mycompany.example"));
        assertThat(domain.status()).isEqualTo(200);

        ApiClient.Response record = admin.post("/api/records", Map.of("model", "crm.lead", "name", "50 office chairs"));
        assertThat(record.status()).isEqualTo(201);
        long id = record.id();

        ApiClient.Response follower = admin.post(
                "/api/records/" + id + "/followers",
                Map.of("name", "Mary Customer", "email", "mary@customer.example.com"));
        assertThat(follower.status()).isEqualTo(201);

        ApiClient.Response posted = admin.post(
                "/api/records/" + id + "/messages",
                Map.of("body", "<p>Can you deliver 50 chairs by Friday?</p>", "subject", "Delivery"));
        assertThat(posted.status()).isEqualTo(201);
        assertThat(posted.json().get("notifications").get(0).get("status").asString())
                .isEqualTo("ready");

        long adminId = admin.get("/api/users").json().get(0).get("id").asLong();
        ApiClient.Response key = admin.post("/api/users/" + adminId + "/api-keys", Map.of("name", "tour"));
        assertThat(key.status()).isEqualTo(201);
        JsonNode thread = ApiClient.bearer(port, key.json().get("key").asString())
                .get("/api/records/" + id + "/messages")
                .json();
        assertThat(thread.get(0).get("subject").asString()).isEqualTo("Delivery");
        return id;
    }
}
