package com.perfectwork.mail.storage;

import com.perfectwork.mail.settings.DeploymentSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * Contents (attachments, raw received mails, composed answers to senders), stored once per SHA-256 under
 * {@code <data-dir>/filestore/ab/cd/<hash>}.
 *
 * <p>Why files and not database rows: contents stream in and out without being held in memory, the
 * same file attached a thousand times is stored once, and the database stays small enough to back up
 * and vacuum quickly. Several instances share the data directory (a shared volume), as they share the
 * database. A content is written to a temporary file, forced to disk and then moved into place
 * atomically, so a crash never leaves a half-written file under a hash name. A file no module refers to any more
 * (each declares its hashes through {@link ContentReferences}) is deleted by {@link OrphanFiles}.
 */
@Component
public class Filestore {

    private static final java.util.regex.Pattern SHA256_HEX = java.util.regex.Pattern.compile("[0-9a-f]{64}");

    private final Path root;

    Filestore(DeploymentSettings settings) {
        this.root = settings.dataDir().resolve("filestore").toAbsolutePath();
    }

    /** Stores the bytes and returns their SHA-256 (hex), the key to read them back. */
    public String store(InputStream content) {
        return store(content, Long.MAX_VALUE).hash();
    }

    /**
     * Stores the bytes as they stream in, never holding them in memory, and stops reading as soon as there are
     * more than {@code limit}: then nothing is kept and {@link ContentTooLargeException} says so. A failure of
     * the stream ({@link UncheckedIOException}) or of the disk ({@link FilestoreWriteException}: full, read-only)
     * leaves nothing behind either.
     */
    public StoredContent store(InputStream content, long limit) {
        Path partial = null;
        try {
            partial = Files.createTempFile(directory(partials()), "upload-", ".part");
            MessageDigest sha256 = sha256();
            long size;
            // written and forced to disk through one channel: no second open of the file to force it
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE);
                    OutputStream out = new DigestOutputStream(Channels.newOutputStream(channel), sha256)) {
                size = copy(content, out, limit);
                channel.force(true);
            }
            String hash = HexFormat.of().formatHex(sha256.digest());
            moveIntoPlace(partial, path(hash));
            partial = null;
            return new StoredContent(hash, size);
        } catch (IOException e) {
            // only the writing side gets here: a failing source is told apart in read()
            throw new FilestoreWriteException(
                    "the data directory cannot store a content now (" + root + ": " + e.getMessage() + ")", e);
        } finally {
            deleteQuietly(partial);
        }
    }

    /**
     * The stored file itself, for readers that need random access to it (a MIME parser reading the parts of a
     * large mail in place instead of copying them); never to be written.
     */
    public Path file(String hash) {
        return path(hash);
    }

    public InputStream open(String hash) throws IOException {
        return Files.newInputStream(path(hash));
    }

    private static long copy(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long size = 0;
        for (int read = read(in, buffer); read >= 0; read = read(in, buffer)) {
            size += read;
            if (size > limit) {
                throw new ContentTooLargeException(limit);
            }
            out.write(buffer, 0, read);
        }
        return size;
    }

    /** A source that fails (a dropped connection) is not the store's failure: it is told apart from a full disk. */
    private static int read(InputStream in, byte[] buffer) {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw new UncheckedIOException("the content could not be read: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path partial) {
        if (partial == null) {
            return;
        }
        try {
            Files.deleteIfExists(partial);
        } catch (IOException e) {
            // a leftover in filestore/tmp is harmless: it is never read under a hash name
        }
    }

    private void moveIntoPlace(Path partial, Path target) throws IOException {
        if (Files.exists(target)) {
            Files.delete(partial); // same content already stored
            // written again now: an orphan about to be referenced again is young for the garbage collection (its day
            // of margin covers a skew between this clock and a file server's)
            Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
            return;
        }
        directory(target.getParent());
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(partial); // stored concurrently by another request
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * The directory, created if missing. Looked at first because it nearly always exists, and
     * {@code createDirectories} on an existing directory throws and catches an exception inside, once per stored
     * content.
     */
    private static Path directory(Path directory) throws IOException {
        return Files.isDirectory(directory) ? directory : Files.createDirectories(directory);
    }

    /** The directory of the stored contents. */
    Path root() {
        return root;
    }

    /** Where contents are written before they are moved into place under their hash. */
    Path partials() {
        return root.resolve("tmp");
    }

    /** True for a file name that is a content's hash. */
    static boolean isHash(String name) {
        return SHA256_HEX.matcher(name).matches();
    }

    private Path path(String hash) {
        if (!SHA256_HEX.matcher(hash).matches()) {
            throw new IllegalArgumentException("not a SHA-256: " + hash);
        }
        return root.resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(hash);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
