package com.perfectwork.mail.peers;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Skips a peer test when a real mail server it talks to is not installed; with {@code -Dpeers.required=true} or
 * {@code PEERS_REQUIRED=true} in the environment (CI, which installs the packages) a missing binary fails the test
 * instead of hiding it.
 */
public final class InstalledPeers {

    private InstalledPeers() {}

    public static void assume(String... binaries) {
        List<String> missing = Stream.of(binaries).filter(b -> find(b) == null).toList();
        if (missing.isEmpty()) {
            return;
        }
        String message = "not installed: " + String.join(", ", missing);
        if (Boolean.getBoolean("peers.required") || "true".equals(System.getenv("PEERS_REQUIRED"))) {
            fail(message);
        }
        Assumptions.abort(message);
    }

    /** The binary's path, looked for in PATH and the usual system directories, or null. */
    public static Path find(String binary) {
        List<String> directories =
                new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)));
        directories.addAll(List.of("/usr/sbin", "/usr/bin", "/sbin"));
        return directories.stream()
                .filter(d -> !d.isBlank())
                .map(d -> Path.of(d, binary))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
    }
}
