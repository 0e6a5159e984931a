package com.perfectwork.mail.mailing;

import com.perfectwork.mail.core.ConflictException;
import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.core.UnknownIdException;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * CSV imports of contacts into a list. The file is streamed: read a record at a time ({@link ContactCsv}), checked
 * ({@code ImportRun}) and written {@value ContactBatch#MAX_SIZE} rows at a time, each batch in a transaction of its
 * own with the import's progress and refused lines ({@link ImportLog}), so that any instance can show how far an
 * import is and its report. A file stopped half-way (not CSV any more, the database gone) keeps the batches before:
 * importing it again is harmless, since an existing contact is only updated.
 *
 * <p>An import runs in the caller's thread ({@link #importNow}, the API) or in the background on this instance
 * ({@link #importInBackground}, the pages, which poll its progress), at most {@value #MAX_RUNNING} at a time per
 * instance. One whose instance stops is left running by its state; it shows as stalled after
 * {@link ContactImport#STALLED_AFTER} without progress.
 */
@Component
public class ContactImports {

    static final int MAX_RUNNING = 4;

    private static final Logger log = LoggerFactory.getLogger(ContactImports.class);

    private final MailingLists lists;
    private final ContactBatch batches;
    private final ImportLog imports;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Semaphore running = new Semaphore(MAX_RUNNING);
    private final ExecutorService background = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "contact-import");
        thread.setDaemon(true);
        return thread;
    });

    ContactImports(
            MailingLists lists,
            ContactBatch batches,
            ImportLog imports,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.lists = lists;
        this.batches = batches;
        this.imports = imports;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * Imports the file into the list now, in this thread; the import as it ended. {@code size} (null when unknown) is
     * the file's length in bytes, for its progress.
     *
     * @throws UnknownIdException when there is no such list
     * @throws InvalidInputException naming {@code file} when it has no header row with an email column, or stops being
     *     CSV text (the rows before are imported)
     */
    public ContactImport importNow(long listId, InputStream csv, Long size, String fileName, String by) {
        lists.require(listId);
        CountedInput input = new CountedInput(csv);
        ContactCsv file = ContactCsv.open(input);
        long importId = imports.start(listId, fileName, size, by, clock.instant());
        run(importId, listId, file, input);
        return require(importId);
    }

    /**
     * Starts importing the file into the list on a thread of this instance, and takes the file: it is deleted once
     * read. Answers the import as it starts; its progress and report are read with {@link #find}.
     *
     * @throws UnknownIdException when there is no such list
     * @throws InvalidInputException naming {@code file} when it has no header row with an email column
     * @throws ConflictException when {@value #MAX_RUNNING} imports are running on this instance already
     */
    public ContactImport importInBackground(long listId, Path file, String fileName, String by) {
        try {
            lists.require(listId);
            if (!running.tryAcquire()) {
                throw new ConflictException(
                        MAX_RUNNING + " imports are running already: start this one when one of them is done");
            }
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
        try {
            return require(startInBackground(listId, file, fileName, by));
        } catch (IOException e) {
            running.release();
            deleteQuietly(file);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            running.release();
            deleteQuietly(file);
            throw e;
        }
    }

    /** Reads the header, records the import and hands it to a thread, which ends by freeing the file and the slot. */
    private long startInBackground(long listId, Path file, String fileName, String by) throws IOException {
        long size = Files.size(file);
        CountedInput input = new CountedInput(Files.newInputStream(file));
        ContactCsv csv = open(input);
        try {
            long importId = imports.start(listId, fileName, size, by, clock.instant());
            background.execute(() -> {
                try (csv) {
                    run(importId, listId, csv, input);
                } catch (RuntimeException e) {
                    // run() wrote it to the import as its error
                } finally {
                    deleteQuietly(file);
                    running.release();
                }
            });
            return importId;
        } catch (RuntimeException e) {
            csv.close();
            throw e;
        }
    }

    public Optional<ContactImport> find(long importId) {
        return imports.find(importId);
    }

    /** The import, or {@link UnknownIdException}. */
    public ContactImport require(long importId) {
        return find(importId).orElseThrow(() -> new UnknownIdException("import", importId));
    }

    /** The list's latest imports, newest first. */
    public List<ContactImport> ofList(long listId, int limit) {
        return imports.ofList(listId, limit);
    }

    /** The lines the import refused, in file order, with their reasons; at most {@value ImportLog#KEPT_LINES} kept. */
    public List<RefusedLine> refusedLines(long importId, int offset, int limit) {
        return imports.refusedLines(importId, offset, limit);
    }

    /** Reads the whole file a batch at a time, each batch committed with its progress; ends the import done or failed. */
    private void run(long importId, long listId, ContactCsv csv, CountedInput input) {
        ImportRun file = new ImportRun(csv, input);
        try {
            for (Optional<ImportRun.Batch> batch = file.nextBatch(); batch.isPresent(); batch = file.nextBatch()) {
                ImportRun.Batch read = batch.get();
                transaction.executeWithoutResult(status -> {
                    ContactBatch.Counts counts = batches.write(listId, read.contacts(), clock.instant());
                    imports.progress(importId, read.progress(counts), clock.instant());
                });
            }
            imports.finish(importId, ContactImport.State.DONE, null, clock.instant());
        } catch (ContactCsv.MalformedCsvException e) {
            imports.finish(importId, ContactImport.State.FAILED, e.getMessage(), clock.instant());
            throw new InvalidInputException("file", e.getMessage() + "; the rows before it are imported");
        } catch (RuntimeException e) {
            log.warn("Import {} into mailing list {} failed", importId, listId, e);
            finishFailed(
                    importId,
                    "the import stopped on an error (the server's log says which); the rows before it are"
                            + " imported");
            throw e;
        }
    }

    /** Records the failure if the database lets it (it may be why the import failed). */
    private void finishFailed(long importId, String error) {
        try {
            imports.finish(importId, ContactImport.State.FAILED, error, clock.instant());
        } catch (RuntimeException e) {
            log.warn("Import {} could not be marked failed: {}", importId, e.getMessage());
        }
    }

    private static ContactCsv open(CountedInput input) {
        try {
            return ContactCsv.open(input);
        } catch (RuntimeException e) {
            try {
                input.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("The imported file {} could not be deleted: {}", file, e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }
}
