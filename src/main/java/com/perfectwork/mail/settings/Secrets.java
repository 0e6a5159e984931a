package com.perfectwork.mail.settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.encrypt.Encryptors;
import org.springframework.security.crypto.encrypt.TextEncryptor;
import org.springframework.stereotype.Component;

/**
 * Secrets at rest (server passwords, tokens): AES-256-GCM through Spring Security Crypto, with a key from
 * {@code PERFECTWORK_SECRET_KEY} or, when unset, from {@code <data-dir>/secret.key}, created at the first
 * start readable by its owner only. Several instances must share the key (the same variable, or the
 * shared data directory). Also derives purpose-bound keys, such as the one that signs bounce addresses.
 */
@Component
public class Secrets {

    private static final Logger log = LoggerFactory.getLogger(Secrets.class);
    // a fixed salt is sound here: the password it salts is 256 random bits, never a human's choice
    private static final String SALT = "5065726665637477";

    private final String master;
    private final TextEncryptor encryptor;

    Secrets(DeploymentSettings deployment, @Value("${perfectwork.secret-key:}") String configuredKey) {
        this.master = configuredKey.isBlank() ? keyFile(deployment.dataDir().resolve("secret.key")) : configuredKey;
        this.encryptor = Encryptors.delux(master, SALT);
    }

    public String encrypt(String plain) {
        return plain == null ? null : encryptor.encrypt(plain);
    }

    /** The plain text; an {@link IllegalStateException} when the key changed since it was encrypted. */
    public String decrypt(String encrypted) {
        if (encrypted == null) {
            return null;
        }
        try {
            return encryptor.decrypt(encrypted);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "a stored secret cannot be decrypted: the secret key changed since it was saved; enter it again",
                    e);
        }
    }

    /** A 256-bit key for one purpose ("verp"…), stable as long as the secret key is. */
    public byte[] derivedKey(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    private static String keyFile(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            String key = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (key.isEmpty()) {
                // never taken as a key: every instance would encrypt with an empty one, unlike the others
                throw new IllegalStateException("the secret key file " + file
                        + " is empty: restore it from the backup, or delete it if no password was stored yet");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read or create the secret key file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the key to a file of its own first and only then links it under its name, which fails if the name
     * exists: instances starting together on a shared data directory all end up with the one key that was
     * linked first, and none can read a key file that is still being written (or was left empty by a crash).
     */
    private static void create(Path file) throws IOException {
        Path directory = Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path written = ownerOnlyFile(directory);
        try {
            Files.writeString(written, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
            try (FileChannel channel = FileChannel.open(written, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            publish(written, file);
            log.info("Created the secret key file {} (back it up with the database: stored passwords need it)", file);
        } catch (FileAlreadyExistsException e) {
            // created meanwhile by another instance sharing the data directory: that key is the one
        } finally {
            Files.deleteIfExists(written);
        }
    }

    private static Path ownerOnlyFile(Path directory) throws IOException {
        try {
            return Files.createTempFile(
                    directory,
                    "secret.key.",
                    ".new",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return Files.createTempFile(directory, "secret.key.", ".new"); // not a POSIX file system
        }
    }

    private static void publish(Path written, Path file) throws IOException {
        try {
            Files.createLink(file, written);
        } catch (UnsupportedOperationException e) {
            // no hard links: a move that refuses to replace, racy only between the check and the rename
            Files.move(written, file);
        }
    }
}
