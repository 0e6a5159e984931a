package com.perfectwork.mail.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Deletes the files of the {@link Filestore} that no module refers to any more (their rows were deleted by the
 * retention of the queue or of the inbound log), and the partial files a crash left behind. What refers to a file is
 * each module's to say ({@link ContentReferences}); this class never reads another module's tables.
 *
 * <p>A file being stored right now is not referenced yet: its row is committed just after it is written (a mail in
 * flight, a post with its attachments). So only files last written more than {@link #SAFE_MARGIN} ago are collected,
 * by the file system's clock, and storing a content that is already there writes its time anew. Files are looked at
 * shard by shard ({@code ab/cd/}, never the partial files being written in {@code tmp/}), in batches of
 * {@value #BATCH}, each batch's references read in one query per module.
 */
@Component
public class OrphanFiles {

    /** Far longer than any transaction that stores a file and then the row that refers to it. */
    public static final Duration SAFE_MARGIN = Duration.ofDays(1);

    static final int BATCH = 1000;

    private static final Pattern SHARD = Pattern.compile("[0-9a-f]{2}");

    /** What a sweep deleted; {@code finished} false when it stopped at its deadline (the rest waits for the next). */
    public record Swept(int files, long bytes, boolean finished) {}

    private final Filestore filestore;
    private final List<ContentReferences> references;
    private final Clock clock;

    OrphanFiles(Filestore filestore, List<ContentReferences> references, Clock clock) {
        this.filestore = filestore;
        this.references = references;
        this.clock = clock;
    }

    /**
     * Deletes the files no module refers to, last written more than {@link #SAFE_MARGIN} ago, until the deadline (on
     * the server's clock).
     */
    public Swept collect(Instant deadline) {
        if (references.isEmpty()) {
            throw new IllegalStateException("no module declares the contents it refers to: no file is deleted");
        }
        if (!Files.isDirectory(filestore.root())) {
            return new Swept(0, 0, true);
        }
        Sweep sweep = new Sweep(fileSystemNow().minus(SAFE_MARGIN), deadline);
        boolean finished = sweep.contents();
        if (finished) {
            sweep.partials();
        }
        return new Swept(sweep.files, sweep.bytes, finished);
    }

    /**
     * Now on the clock that stamps the files: the time written on a file just created. On a shared volume that is the
     * file server's clock, which need not be this instance's; a file's age is measured on the clock that stamped it.
     */
    private Instant fileSystemNow() {
        try {
            Path probe = Files.createTempFile(Files.createDirectories(filestore.partials()), "clock-", ".probe");
            try {
                return Files.getLastModifiedTime(probe).toInstant();
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write in " + filestore.partials(), e);
        }
    }

    /** One run: the files older than {@code before} waiting in a batch, and what was deleted. */
    private final class Sweep {
        private final Instant before;
        private final Instant deadline;
        private final Map<String, Path> batch = new LinkedHashMap<>();
        private int files;
        private long bytes;

        Sweep(Instant before, Instant deadline) {
            this.before = before;
            this.deadline = deadline;
        }

        /** Every stored content, shard by shard; false when the deadline came first. */
        boolean contents() {
            for (Path first : shards(filestore.root())) {
                for (Path second : shards(first)) {
                    if (!shard(second, first.getFileName().toString() + second.getFileName())) {
                        return false;
                    }
                }
            }
            deleteUnreferenced();
            return true;
        }

        /** The contents of one shard ({@code <root>/ab/cd/abcd…}); false when the deadline came first. */
        private boolean shard(Path directory, String prefix) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
                for (Path file : entries) {
                    if (clock.instant().isAfter(deadline)) {
                        return false;
                    }
                    String name = file.getFileName().toString();
                    if (Filestore.isHash(name) && name.startsWith(prefix) && lastWrittenBefore(file, before)) {
                        batch.put(name, file);
                    }
                    if (batch.size() == BATCH) {
                        deleteUnreferenced();
                    }
                }
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + directory, e);
            }
        }

        private void deleteUnreferenced() {
            if (batch.isEmpty()) {
                return;
            }
            Set<String> held = new HashSet<>();
            references.forEach(module -> held.addAll(module.referenced(batch.keySet())));
            batch.forEach((hash, file) -> {
                // looked at again just before: a store of the same content meanwhile has written its time anew
                if (!held.contains(hash) && lastWrittenBefore(file, before)) {
                    delete(file);
                }
            });
            batch.clear();
        }

        /** Partial files of stores a crash interrupted: never read under a hash name, only taking room. */
        void partials() {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(filestore.partials(), "*.part")) {
                for (Path file : entries) {
                    if (lastWrittenBefore(file, before)) {
                        delete(file);
                    }
                }
            } catch (NoSuchFileException e) {
                // nothing was ever stored
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + filestore.partials(), e);
            }
        }

        private void delete(Path file) {
            try {
                long size = Files.size(file);
                if (Files.deleteIfExists(file)) {
                    files++;
                    bytes += size;
                }
            } catch (NoSuchFileException e) {
                // deleted meanwhile (by another instance's sweep)
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + file, e);
            }
        }
    }

    /** The shard directories ({@code ab}) of a directory: at most 256. */
    private static List<Path> shards(Path directory) {
        List<Path> shards = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(
                directory,
                entry -> SHARD.matcher(entry.getFileName().toString()).matches() && Files.isDirectory(entry))) {
            entries.forEach(shards::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        return shards;
    }

    private static boolean lastWrittenBefore(Path file, Instant before) {
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(before);
        } catch (NoSuchFileException e) {
            return false; // deleted meanwhile (by another instance's sweep)
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the time of " + file, e);
        }
    }
}
