package com.perfectwork.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
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

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopServers() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void startsOnAFreshDataDirectoryWalksTheTourAndKeepsEverythingAcrossARestart() throws Exception {
        int port = freePort();
        Path firstLog = dataDir.resolve("first.log");
        Process first = start(port, firstLog);
        awaitHealthy(port, first, firstLog);

        String log = Files.readString(firstLog, StandardCharsets.UTF_8);
        Matcher matcher = GENERATED.matcher(log);
        assertThat(matcher.find()).as(log).isTrue();
        String password = matcher.group(1);
        assertThat(log.split(Pattern.quote(password), -1))
                .as("the password is printed once")
                .hasSize(2);

        ApiClient admin = ApiClient.basic(port, "admin", password);
        long record = tour(admin, port);

        stop(first);
        Path secondLog = dataDir.resolve("second.log");
        Process second = start(port, secondLog);
        awaitHealthy(port, second, secondLog);
        assertThat(Files.readString(secondLog, StandardCharsets.UTF_8)).doesNotContain("generated password");

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
        stop(second);
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

    private Process start(int port, Path log) throws IOException {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(p -> p.getFileName().toString().matches("perfectwork-mail-.*\\.jar"))
                    .findFirst()
                    .orElseThrow();
        }
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-jar",
                        jar.toString(),
                        "--server.port=" + port,
                        "--perfectwork.data-dir=" + dataDir.resolve("data"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Stream.of(
                        "SPRING_DATASOURCE_URL",
                        "SPRING_DATASOURCE_USERNAME",
                        "SPRING_DATASOURCE_PASSWORD",
                        "PERFECTWORK_ADMIN_PASSWORD",
                        "PERFECTWORK_DATA_DIR",
                        "SERVER_PORT")
                .forEach(builder.environment()::remove);
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private static void awaitHealthy(int port, Process process, Path log) {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsInstanceOf(java.io.UncheckedIOException.class)
                .untilAsserted(() -> {
                    assertThat(process.isAlive())
                            .as("the server died: %s", Files.readString(log))
                            .isTrue();
                    ApiClient.Response health = ApiClient.anonymous(port).get("/actuator/health");
                    assertThat(health.status()).isEqualTo(200);
                });
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
