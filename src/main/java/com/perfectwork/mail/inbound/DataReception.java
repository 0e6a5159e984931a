package com.perfectwork.mail.inbound;

import com.perfectwork.mail.deliverability.SmtpEnvelope;
import com.perfectwork.mail.storage.FilestoreWriteException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.unit.DataSize;

/**
 * The DATA of a mail taken by the SMTP or LMTP receiver, and the reply it gets, the same for both. The mail is
 * stored as it streams in (a slow sender holds no slot), then processed in a free slot. A mail that fails is the
 * mail's own failure: kept as {@code failed} in the inbound log, and answered {@code 554 5.6.0} so that the sender
 * does not send it again and again; the machine's failures (a full disk, the database away, every slot taken) are
 * answered {@code 4xx}, so that the sender keeps the mail and tries again (RFC 5321 §4.2.5, RFC 3463).
 */
final class DataReception {

    /** RFC 3463 4.3.1, mail system full: nothing was kept, the sender keeps the mail and tries again. */
    static final String INSUFFICIENT_STORAGE = "insufficient system storage, nothing kept, try again later";

    private static final Logger log = LoggerFactory.getLogger(DataReception.class);

    /** One reply; {@code closes}: the connection is closed after it (RFC 5321 §3.8: the client is gone, or silent). */
    record Reply(int code, String text, boolean closes) {

        static Reply of(int code, String text) {
            return new Reply(code, text, false);
        }

        String line() {
            return code + " " + text;
        }
    }

    private final InboundPipeline pipeline;
    private final ProcessingSlots slots;
    private final MailSource source;
    private final DataSize maxSize;
    private final String sizeSetting;

    DataReception(
            InboundPipeline pipeline, ProcessingSlots slots, MailSource source, DataSize maxSize, String sizeSetting) {
        this.pipeline = pipeline;
        this.slots = slots;
        this.source = source;
        this.maxSize = maxSize;
        this.sizeSetting = sizeSetting;
    }

    /** Whether a mail would find every processing slot taken now: the session is better told at once. */
    boolean saturated() {
        return slots.full();
    }

    /**
     * Reads the mail to the end of its data, stores and processes it with what the session knew of its transaction;
     * the reply says what became of it.
     */
    Reply take(InputStream data, SmtpEnvelope envelope) {
        try {
            Received stored = pipeline.store(data, source, maxSize, sizeSetting, envelope);
            Optional<InboundResult> processed = slots.ifFree(() -> pipeline.process(stored));
            if (processed.isEmpty()) {
                log.warn(
                        "Every processing slot of the {} receiver is taken: a mail is refused for now",
                        source.stored());
                return Reply.of(451, "4.3.2 the server is busy, try again later");
            }
            InboundResult result = processed.get();
            if (result.outcome() == InboundOutcome.FAILED) {
                return Reply.of(
                        554,
                        "5.6.0 the mail cannot be processed; it is kept as " + result.logId()
                                + " for the administrator, do not send it again");
            }
            return Reply.of(
                    250,
                    "2.0.0 stored as " + result.logId() + " ("
                            + result.outcome().code() + ")");
        } catch (MailTooLargeException e) {
            return Reply.of(552, "5.3.4 " + e.getMessage());
        } catch (FilestoreWriteException e) {
            log.error(
                    "Cannot store a mail received over {}; the sender is told to try again: {}",
                    source.stored().toUpperCase(java.util.Locale.ROOT),
                    e.getMessage());
            return Reply.of(452, "4.3.1 " + INSUFFICIENT_STORAGE);
        } catch (UncheckedIOException e) {
            // the sender's side of DATA failed: silent beyond the data timeout, or gone
            boolean silent = e.getCause() instanceof SocketTimeoutException;
            log.info("A mail's DATA over {} was cut: {}", source.stored(), e.getMessage());
            return new Reply(
                    421,
                    silent
                            ? "4.4.2 timeout waiting for the data, closing"
                            : "4.4.2 the data could not be read, closing",
                    true);
        } catch (RuntimeException | Error e) {
            log.error(
                    "Cannot store a mail received over {}; the sender is told to try again",
                    source.stored().toUpperCase(java.util.Locale.ROOT),
                    e);
            return Reply.of(451, "4.3.0 temporary problem storing the mail, try again later");
        }
    }
}
