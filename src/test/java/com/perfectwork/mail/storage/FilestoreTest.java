package com.perfectwork.mail.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.perfectwork.mail.settings.DeploymentSettings;
import com.perfectwork.mail.settings.HostingMode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

class FilestoreTest {

    @TempDir
    Path dataDir;

    private Filestore filestore() {
        return new Filestore(new DeploymentSettings(dataDir, HostingMode.ON_PREMISE, "http://localhost:8069"));
    }

    @Test
    void aContentIsStoredUnderItsSha256AndReadBack() throws IOException {
        byte[] content = "Subject: hello\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

        StoredContent stored = filestore().store(new ByteArrayInputStream(content), 1_000);

        assertThat(stored.size()).isEqualTo(content.length);
        assertThat(stored.hash()).isEqualTo(java.util.HexFormat.of().formatHex(sha256(content)));
        assertThat(filestore().file(stored.hash()))
                .isEqualTo(dataDir.resolve("filestore")
                        .resolve(stored.hash().substring(0, 2))
                        .resolve(stored.hash().substring(2, 4))
                        .resolve(stored.hash())
                        .toAbsolutePath());
        try (InputStream in = filestore().open(stored.hash())) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void theSameContentTwiceIsOneFileAndLeavesNoTemporaryFile() throws IOException {
        Filestore filestore = filestore();
        byte[] content = "same".getBytes(StandardCharsets.US_ASCII);

        String first = filestore.store(new ByteArrayInputStream(content));
        String second = filestore.store(new ByteArrayInputStream(content));

        assertThat(second).isEqualTo(first);
        assertThat(files(dataDir.resolve("filestore"))).hasSize(1);
    }

    @Test
    void aContentOverTheLimitIsRefusedAndNothingIsKept() throws IOException {
        Filestore filestore = filestore();

        assertThatThrownBy(() -> filestore.store(new ByteArrayInputStream(new byte[2_000]), 1_000))
                .isInstanceOf(ContentTooLargeException.class);

        assertThat(files(dataDir.resolve("filestore"))).isEmpty();
    }

    @Test
    void directoriesRemovedWhileRunningAreMadeAgain() throws IOException {
        Filestore filestore = filestore();
        String hash = filestore.store(new ByteArrayInputStream(new byte[] {1}));
        FileSystemUtils.deleteRecursively(dataDir.resolve("filestore"));

        String again = filestore.store(new ByteArrayInputStream(new byte[] {1}));

        assertThat(again).isEqualTo(hash);
        assertThat(Files.readAllBytes(filestore.file(again))).containsExactly(1);
    }

    @Test
    void aNameThatIsNoSha256IsRefused() {
        assertThatThrownBy(() -> filestore().file("../../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a SHA-256");
    }

    private static java.util.List<Path> files(Path root) throws IOException {
        if (!Files.exists(root)) {
            return java.util.List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    private static byte[] sha256(byte[] content) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(content);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
