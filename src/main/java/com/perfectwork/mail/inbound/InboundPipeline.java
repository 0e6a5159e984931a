package com.perfectwork.mail.inbound;

import com.perfectwork.mail.core.ConflictException;
import com.perfectwork.mail.core.UnknownIdException;
import com.perfectwork.mail.deliverability.SmtpEnvelope;
import com.perfectwork.mail.routing.InboundRouter;
import com.perfectwork.mail.routing.Route;
import com.perfectwork.mail.storage.ContentTooLargeException;
import com.perfectwork.mail.storage.Filestore;
import com.perfectwork.mail.storage.FilestoreWriteException;
import com.perfectwork.mail.storage.StoredContent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * The path of a received mail, whatever its {@link MailSource}: store the raw bytes (from then on it cannot be lost),
 * check its sender, then parse, route once, act on the route ({@link RouteActs}) and log the outcome. Parsing, acting
 * and the log entry share one transaction; a failure rolls them back and leaves the mail {@code failed} with its
 * error, to be processed again.
 */
@Component
public class InboundPipeline {

    private static final Logger log = LoggerFactory.getLogger(InboundPipeline.class);

    private final Filestore filestore;
    private final InboundLog inboundLog;
    private final StoredMailParser parser;
    private final InboundRouter router;
    private final RouteActs acts;
    private final IncomingServers incomingServers;
    private final InboundSettings settings;
    private final TransactionTemplate transactions;
    private final SenderVerification senders;
    private final Clock clock;

    InboundPipeline(
            Filestore filestore,
            InboundLog inboundLog,
            StoredMailParser parser,
            InboundRouter router,
            RouteActs acts,
            IncomingServers incomingServers,
            InboundSettings settings,
            TransactionTemplate transactions,
            SenderVerification senders,
            Clock clock) {
        this.filestore = filestore;
        this.inboundLog = inboundLog;
        this.parser = parser;
        this.router = router;
        this.acts = acts;
        this.incomingServers = incomingServers;
        this.settings = settings;
        this.transactions = transactions;
        this.senders = senders;
        this.clock = clock;
    }

    /** Takes one raw mail from a source; the answer comes after the mail is processed. */
    public InboundResult receive(byte[] raw, MailSource source) {
        return receive(new ByteArrayInputStream(raw), source);
    }

    /**
     * Takes one raw mail as it streams in, at most {@code perfectwork.inbound.max-size}: it goes straight to the
     * filestore, never whole into memory, and a larger one is refused with {@link MailTooLargeException} once the
     * limit is passed, nothing of it kept. The caller closes the stream.
     */
    public InboundResult receive(InputStream raw, MailSource source) {
        return process(store(raw, source, settings.maxSize(), "perfectwork.inbound.max-size", SmtpEnvelope.UNKNOWN));
    }

    /**
     * The first half of {@link #receive}: stores the mail as it streams in, at most {@code limit}, and returns it
     * ready for {@link #process}; a receiver does the second half when it has room to.
     */
    Received store(InputStream raw, MailSource source, DataSize limit, String limitSetting, SmtpEnvelope envelope) {
        StoredContent stored;
        MailCapture capture = new MailCapture(raw, StoredMailParser.IN_MEMORY);
        try {
            stored = filestore.store(capture, limit.toBytes());
        } catch (ContentTooLargeException e) {
            throw new MailTooLargeException(limit, limitSetting);
        }
        return Received.fresh(clock.instant(), source, stored, Headline.of(capture.head()), capture.whole(), envelope);
    }

    /** Processes a failed (or never processed) mail again, from its stored bytes. */
    public InboundResult retry(long id) {
        InboundMail mail = inboundLog.find(id).orElseThrow(() -> new UnknownIdException("received mail", id));
        if (!mail.outcome().retryable()) {
            throw new ConflictException(
                    "mail " + id + " was processed already (" + mail.outcome().code() + ")");
        }
        return process(Received.logged(mail));
    }

    /** The stored bytes of a received mail. */
    public InputStream open(long id) throws IOException {
        InboundMail mail = inboundLog.find(id).orElseThrow(() -> new UnknownIdException("received mail", id));
        return filestore.open(mail.contentHash());
    }

    /**
     * Checks the sender of a stored mail (outside the transaction: DNS), then parses, routes and acts on it, and writes
     * its inbound log entry with the outcome, in one transaction. A failure, whatever it is ({@link Error}s included:
     * a stack overflowed by a mail's nesting), rolls them back and the entry is written as {@code failed} with its reason, in a transaction of its own; but a full data directory
     * (an attachment that cannot be written) or a database out of reach is the machine's failure, not the mail's: it
     * goes back to the source, which keeps the mail and tries again.
     */
    InboundResult process(Received received) {
        Received checked = received;
        try {
            checked = senders.checked(received);
            Received mail = checked;
            return transactions.execute(status -> handle(mail));
        } catch (FilestoreWriteException e) {
            // the disk, not the mail: no entry, the source is told to try again and the retry goes through once
            // there is room (the raw bytes already stored are found again under their hash)
            throw e;
        } catch (RuntimeException e) {
            if (DatabaseUnavailableException.isCause(e)) {
                // nothing of the mail's route was committed, and the entry that would say it failed cannot be
                // written either: the source keeps the mail and delivers it again
                throw e instanceof DatabaseUnavailableException d ? d : new DatabaseUnavailableException(e);
            }
            return failed(checked, e);
        } catch (Error e) {
            return failed(checked, e);
        }
    }

    /** Writes the entry of a mail that failed, with its reason and stack trace, after its transaction rolled back. */
    private InboundResult failed(Received received, Throwable failure) {
        MailFailure why = MailFailure.of(failure);
        InboundResult failed;
        try {
            failed = inboundLog.record(
                    received,
                    null,
                    InboundResult.unposted(InboundOutcome.FAILED, why.reason()),
                    why.detail(),
                    clock.instant());
        } catch (RuntimeException recording) {
            recording.addSuppressed(failure);
            if (DatabaseUnavailableException.isCause(recording)) {
                // the database went away between the route and the failed entry: the source tries again
                throw new DatabaseUnavailableException(recording);
            }
            throw recording;
        }
        log.error(
                "Received mail {} failed ({}); it is kept in the inbound log to be processed again",
                failed.logId(),
                why.reason(),
                failure);
        return failed;
    }

    /**
     * The spine of a stored mail, in its transaction: parse it, route it once, act on the route, log the outcome. The
     * parsed mail stays open until it is logged: a large one's attachments are read from its stored file as they are
     * posted.
     */
    private InboundResult handle(Received received) {
        try (StoredMailParser.Parsed parsed = parser.parse(received)) {
            Arrival mail = Arrival.of(received, parsed.mail());
            Route route = router.route(mail.parsed(), fallbackModel(received.source()), mail.trust());
            InboundResult outcome = acts.act(route, mail);
            return log(mail, outcome);
        }
    }

    /** The fallback model of the incoming server a mail was fetched from, if any. */
    private Optional<String> fallbackModel(MailSource source) {
        return source instanceof MailSource.Fetched fetched
                ? incomingServers.find(fetched.serverId()).map(IncomingServer::fallbackModel)
                : Optional.empty();
    }

    /** Writes the inbound log entry with the outcome, and the sender the loop guard counts; the result names it. */
    private InboundResult log(Arrival mail, InboundResult outcome) {
        Received received = mail.received();
        return inboundLog.record(received, mail.sender(), outcome.noted(received.notes()), null, clock.instant());
    }
}
