package com.perfectwork.mail.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What a private mail daemon needs of its test's directory: to be reachable by its own users, and a certificate. */
final class DaemonFiles {

    private DaemonFiles() {}

    /**
     * The daemons' unprivileged processes (Postfix's delivery agent, Dovecot's auth) must reach their files, and a
     * test's temporary directories are closed to others (0700): they are opened up to the given one, below the
     * system's temporary directory only (that one itself is left as it is).
     */
    static void openToDaemons(Path dir) throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toRealPath();
        for (Path open = dir.toRealPath(); open.startsWith(tmp) && !open.equals(tmp); open = open.getParent()) {
            Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** A self-signed certificate for two days, made with openssl: {@code key} and {@code certificate} in PEM. */
    static void selfSignedCertificate(Path key, Path certificate, String subject, String... extensions)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-keyout",
                key.toString(),
                "-out",
                certificate.toString(),
                "-subj",
                subject));
        for (String extension : extensions) {
            command.addAll(List.of("-addext", extension));
        }
        Path out = Files.createTempFile(key.getParent(), "openssl", ".out");
        Process openssl = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
            openssl.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(out));
        }
        Files.delete(out);
    }
}
