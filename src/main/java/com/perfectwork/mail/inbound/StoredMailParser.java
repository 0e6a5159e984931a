package com.perfectwork.mail.inbound;

import com.perfectwork.mail.routing.MailParser;
import com.perfectwork.mail.routing.ParsedMail;
import com.perfectwork.mail.storage.Filestore;
import jakarta.mail.util.SharedFileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.springframework.stereotype.Component;

/**
 * The parse step of the pipeline. A small mail is parsed from memory (the bytes kept as it was stored, or read back
 * for a retry), a larger one in place from its stored file ({@link SharedFileInputStream}: its parts are windows on
 * the file, not copies), which stays open until the mail is posted, since attachments are decoded from it as they
 * are stored: the caller closes the {@link Parsed} mail once it acted on it.
 */
@Component
class StoredMailParser {

    /** A mail up to this size is parsed from memory; a larger one in place from its stored file. */
    static final int IN_MEMORY = 256 * 1024;

    private final Filestore filestore;
    private final MailParser parser;

    StoredMailParser(Filestore filestore, MailParser parser) {
        this.filestore = filestore;
        this.parser = parser;
    }

    /** A parsed mail, and the stored file it reads its parts from (null when it was parsed from memory). */
    record Parsed(ParsedMail mail, SharedFileInputStream file, String contentHash) implements AutoCloseable {

        @Override
        public void close() {
            if (file != null) {
                try {
                    file.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("the stored mail " + contentHash + " cannot be read", e);
                }
            }
        }
    }

    Parsed parse(Received received) {
        try {
            byte[] bytes = received.bytes();
            if (bytes == null && received.size() <= IN_MEMORY) {
                bytes = Files.readAllBytes(filestore.file(received.contentHash()));
            }
            if (bytes != null) {
                byte[] inMemory = bytes;
                return new Parsed(parsed(() -> parser.parse(inMemory)), null, received.contentHash());
            }
            SharedFileInputStream file = new SharedFileInputStream(
                    filestore.file(received.contentHash()).toFile());
            try {
                return new Parsed(parsed(() -> parser.parse(file)), file, received.contentHash());
            } catch (RuntimeException | Error e) {
                try {
                    file.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the stored mail " + received.contentHash() + " cannot be read", e);
        }
    }

    /** The parser's failure, whatever it is, named as the parser's, so that the reason says where the mail broke. */
    private static ParsedMail parsed(Parsing parsing) {
        try {
            return parsing.parse();
        } catch (Exception | Error e) {
            throw new MailFailure.InStep("parsing", e);
        }
    }

    private interface Parsing {
        ParsedMail parse() throws jakarta.mail.MessagingException, IOException;
    }
}
