package com.perfectwork.mail.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key file of the data directory, as several instances sharing that directory create and read it. */
class SecretsTest {

    private static final int INSTANCES = 16;

    @TempDir
    Path dataDir;

    @Test
    void instancesStartingTogetherOnOneDataDirectoryShareOneKey() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(INSTANCES);
        try {
            List<CompletableFuture<Secrets>> starts = new ArrayList<>();
            for (int i = 0; i < INSTANCES; i++) {
                starts.add(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                go.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return secrets();
                        },
                        threads));
            }
            go.countDown();
            String encrypted = starts.get(0).get().encrypt("the relay's password");
            for (CompletableFuture<Secrets> start : starts) {
                assertThat(start.get().decrypt(encrypted)).isEqualTo("the relay's password");
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(Files.readString(dataDir.resolve("secret.key"))).isNotBlank();
        try (var files = Files.list(dataDir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("secret.key");
        }
    }

    @Test
    void anEmptyKeyFileIsRefusedRatherThanTakenAsTheKey() throws Exception {
        // what a crash between creating the file and writing the key left behind
        Files.createFile(dataDir.resolve("secret.key"));
        assertThatThrownBy(this::secrets).hasMessageContaining("is empty");
    }

    @Test
    void theKeyOfTheDataDirectoryIsKeptAcrossStarts() {
        String encrypted = secrets().encrypt("token");
        assertThat(secrets().decrypt(encrypted)).isEqualTo("token");
    }

    private Secrets secrets() {
        return new Secrets(new DeploymentSettings(dataDir, HostingMode.ON_PREMISE, "http://localhost:8069"), "");
    }
}
