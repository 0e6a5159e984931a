package com.perfectwork.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The packaged jar run as a separate process, as an administrator runs it: on the embedded database of its
 * data directory (the environment's datasource settings removed), stopped gently or killed with SIGKILL.
 */
public final class ServerProcess implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private final List<String> arguments;
    private final List<String> environment;
    private Process process;
    private Path log;
    private int starts;

    private boolean keepDatasource;
    private Path sharedData;
    private String heap = "512m";
    private final List<String> jvmOptions = new ArrayList<>();

    public ServerProcess(Path dataDir, List<String> arguments, List<String> environment) {
        this.dataDir = dataDir;
        this.port = freePort();
        this.arguments = arguments;
        this.environment = environment;
    }

    /** Keeps SPRING_DATASOURCE_* of this environment: the server runs on the same database as the caller's. */
    public ServerProcess onCallersDatabase() {
        this.keepDatasource = true;
        return this;
    }

    /**
     * Runs on this data directory instead of its own, as instances on one PostgreSQL must (attachments, secret
     * key); the logs stay in the process's own directory.
     */
    public ServerProcess dataDirectory(Path shared) {
        this.sharedData = shared;
        return this;
    }

    public ServerProcess heap(String maximum) {
        this.heap = maximum;
        return this;
    }

    /** An option for the server's JVM, e.g. {@code -Djavax.net.ssl.trustStore=...} to trust a test's certificate. */
    public ServerProcess jvmOption(String option) {
        this.jvmOptions.add(option);
        return this;
    }

    public int port() {
        return port;
    }

    /** The process id of the running server (its instance names start with it: {@code pid@host}). */
    public long pid() {
        return process.pid();
    }

    /** The CPU time the server process has used so far (all its threads), for figures less moved by other load. */
    public Duration cpu() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** True while the process runs: it did not exit, crash or run out of memory on the way. */
    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public Path log() {
        return log;
    }

    public String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the jar and waits until it is healthy. */
    public ServerProcess start() {
        log = dataDir.resolve("server-" + (++starts) + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap,
                "-jar",
                jar().toString(),
                "--server.port=" + port,
                "--perfectwork.data-dir=" + (sharedData != null ? sharedData : dataDir.resolve("data"))));
        // extra JVM options for a profiling run, e.g. -Dserver.jvm.options=-XX:StartFlightRecording=filename=server.jfr
        String jvmOptions = System.getProperty("server.jvm.options", "");
        if (!jvmOptions.isBlank()) {
            command.addAll(1, List.of(jvmOptions.strip().split("\\s+")));
        }
        command.addAll(1, this.jvmOptions);
        command.addAll(arguments);
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Stream.of("PERFECTWORK_ADMIN_PASSWORD", "PERFECTWORK_DATA_DIR", "SERVER_PORT")
                .forEach(builder.environment()::remove);
        if (!keepDatasource) {
            Stream.of("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD")
                    .forEach(builder.environment()::remove);
        }
        for (String variable : environment) {
            String[] pair = variable.split("=", 2);
            builder.environment().put(pair[0], pair[1]);
        }
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(250))
                    .failFast("the server exited before it was healthy", () -> {
                        if (!process.isAlive()) {
                            throw new AssertionError("exit code " + process.exitValue() + ", log:\n" + logText());
                        }
                    })
                    .ignoreExceptionsInstanceOf(UncheckedIOException.class)
                    .untilAsserted(() -> {
                        ApiClient.Response health = ApiClient.anonymous(port).get("/actuator/health");
                        assertThat(health.status()).as(health.body()).isEqualTo(200);
                        assertThat(health.json().get("status").asString()).isEqualTo("UP");
                    });
        } catch (ConditionTimeoutException e) {
            // the log is in a temporary directory that is gone after the test: its end goes with the failure
            List<String> lines = logText().lines().toList();
            throw new AssertionError(
                    "the server was not healthy within 2 minutes; the end of its log:\n"
                            + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size())),
                    e);
        }
        return this;
    }

    /**
     * A gentle stop (SIGTERM), as a service manager does. The server's own shutdown may take up to 30 s
     * (the queue runner waits that long for its thread), so the kill comes only after a minute.
     */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** kill -9: no shutdown hook, no flush, no goodbye. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Leaves no server behind, whatever happened to the test: kills it and waits until it is gone. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    private static Path jar() {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("perfectwork-mail-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() ->
                            new IllegalStateException("package the jar first: mvn verify runs this after package"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port free on this machine now, for a server of a test to listen on. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
