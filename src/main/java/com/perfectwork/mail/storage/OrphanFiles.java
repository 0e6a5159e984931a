package com.perfectwork.mail.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Deletes the files of the {@link Filestore} that no module refers to any more (their rows were deleted by the
 * retention of the queue or of the inbound log), and the partial files a crash left behind. What refers to a file is
 * each module's to say ({@link ContentReferences}); this class never reads another module's tables.
 *
 * <p>A file being stored right now is not referenced yet: its row is committed just after it is written (a mail in
 * flight, a post with its attachments). So only files last written more than {@link #SAFE_MARGIN} ago are collected,
 * by the file system's clock, and storing a content that is already there writes its time anew. Files are looked at in batches of
 * {@value #BATCH}, each batch's references read in one query per module.
 */
@Component
public class OrphanFiles {

    /** Far longer than any transaction that stores a file and then the row that refers to it. */
    public static final Duration SAFE_MARGIN = Duration.ofDays(1);

    static final int BATCH = 1000;

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
        Tally tally = new Tally();
        if (!Files.isDirectory(filestore.root())) {
            return tally.swept(true);
        }
        Instant before = fileSystemNow().minus(SAFE_MARGIN);
        Map<String, Path> batch = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(filestore.root(), 3)) {
            for (Iterator<Path> it = files.iterator(); it.hasNext(); ) {
                if (clock.instant().isAfter(deadline)) {
                    return tally.swept(false);
                }
                Path file = it.next();
                if (isContent(file) && lastWrittenBefore(file, before)) {
                    batch.put(file.getFileName().toString(), file);
                }
                if (batch.size() == BATCH) {
                    deleteUnreferenced(batch, before, tally);
                    batch.clear();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the filestore " + filestore.root(), e);
        }
        deleteUnreferenced(batch, before, tally);
        deletePartials(before, tally);
        return tally.swept(true);
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

    /** {@code <root>/ab/cd/abcd…}: a content stored under its hash (not a partial, nor anything else). */
    private boolean isContent(Path file) {
        String name = file.getFileName().toString();
        Path parent = file.getParent();
        return Filestore.isHash(name)
                && parent.getFileName().toString().equals(name.substring(2, 4))
                && parent.getParent().getFileName().toString().equals(name.substring(0, 2))
                && parent.getParent().getParent().equals(filestore.root())
                && Files.isRegularFile(file);
    }

    private void deleteUnreferenced(Map<String, Path> batch, Instant before, Tally tally) {
        if (batch.isEmpty()) {
            return;
        }
        Set<String> held = new HashSet<>();
        references.forEach(module -> held.addAll(module.referenced(batch.keySet())));
        batch.forEach((hash, file) -> {
            // looked at again just before: a store of the same content meanwhile has written its time anew
            if (!held.contains(hash) && lastWrittenBefore(file, before)) {
                tally.delete(file);
            }
        });
    }

    /** Partial files of stores a crash interrupted: never read under a hash name, only taking room. */
    private void deletePartials(Instant before, Tally tally) {
        if (!Files.isDirectory(filestore.partials())) {
            return;
        }
        try (Stream<Path> partials = Files.list(filestore.partials())) {
            partials.filter(file -> file.getFileName().toString().endsWith(".part"))
                    .filter(file -> lastWrittenBefore(file, before))
                    .forEach(tally::delete);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + filestore.partials(), e);
        }
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

    /** Counts what was deleted. */
    private static final class Tally {
        private int files;
        private long bytes;

        void delete(Path file) {
            try {
                long size = Files.size(file);
                if (Files.deleteIfExists(file)) {
                    files++;
                    bytes += size;
                }
            } catch (NoSuchFileException e) {
                // deleted meanwhile
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + file, e);
            }
        }

        Swept swept(boolean finished) {
            return new Swept(files, bytes, finished);
        }
    }
}
