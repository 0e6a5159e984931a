package com.perfectwork.mail.inbound;

import com.perfectwork.mail.bounce.BounceOutcome;
import com.perfectwork.mail.bounce.Bounces;
import com.perfectwork.mail.core.ConflictException;
import com.perfectwork.mail.core.UnknownIdException;
import com.perfectwork.mail.deliverability.SmtpEnvelope;
import com.perfectwork.mail.directory.Partners;
import com.perfectwork.mail.mailing.MailingTracking;
import com.perfectwork.mail.routing.Alias;
import com.perfectwork.mail.routing.InboundRouter;
import com.perfectwork.mail.routing.MailParser;
import com.perfectwork.mail.routing.ParsedMail;
import com.perfectwork.mail.routing.Route;
import com.perfectwork.mail.routing.SenderTrust;
import com.perfectwork.mail.storage.ContentTooLargeException;
import com.perfectwork.mail.storage.Filestore;
import com.perfectwork.mail.storage.FilestoreWriteException;
import com.perfectwork.mail.storage.StoredContent;
import jakarta.mail.util.SharedFileInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * The path of a received mail, whatever its source: store the raw bytes (from then on it cannot be lost),
 * parse, route, post, record the outcome. Routing and posting share one transaction with the outcome; a
 * failure rolls them back and leaves the mail {@code failed} with its error, to be processed again.
 */
@Component
public class InboundPipeline {

    private static final Logger log = LoggerFactory.getLogger(InboundPipeline.class);
    /** A mail up to this size is parsed from memory; a larger one in place from its stored file. */
    private static final int IN_MEMORY = 256 * 1024;

    private final Filestore filestore;
    private final InboundLog inboundLog;
    private final MailParser parser;
    private final InboundRouter router;
    private final ThreadDelivery delivery;
    private final IncomingServers incomingServers;
    private final LoopGuard loopGuard;
    private final RefusalAnswers refusalAnswers;
    private final InboundSettings settings;
    private final Bounces bounces;
    private final Partners partners;
    private final MailingTracking mailings;
    private final TransactionTemplate transactions;
    private final SenderVerification senders;
    private final Clock clock;

    InboundPipeline(
            Filestore filestore,
            InboundLog inboundLog,
            MailParser parser,
            InboundRouter router,
            ThreadDelivery delivery,
            IncomingServers incomingServers,
            LoopGuard loopGuard,
            RefusalAnswers refusalAnswers,
            InboundSettings settings,
            Bounces bounces,
            Partners partners,
            MailingTracking mailings,
            TransactionTemplate transactions,
            SenderVerification senders,
            Clock clock) {
        this.senders = senders;
        this.mailings = mailings;
        this.bounces = bounces;
        this.partners = partners;
        this.incomingServers = incomingServers;
        this.loopGuard = loopGuard;
        this.refusalAnswers = refusalAnswers;
        this.filestore = filestore;
        this.inboundLog = inboundLog;
        this.parser = parser;
        this.router = router;
        this.delivery = delivery;
        this.settings = settings;
        this.transactions = transactions;
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
        MailCapture capture = new MailCapture(raw, IN_MEMORY);
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
     * Checks the sender of a stored mail (outside the transaction: DNS), then routes and posts it, and writes its
     * inbound log entry with the outcome, in one transaction. A
     * failure, whatever it is ({@link Error}s included: a stack overflowed by a mail's nesting), rolls them back and
     * the entry is written as {@code failed} with its reason, in a transaction of its own; but a full data directory
     * (an attachment that cannot be written) or a database out of reach is the machine's failure, not the mail's: it
     * goes back to the source, which keeps the mail and tries again.
     */
    InboundResult process(Received received) {
        Received checked = received;
        try {
            checked = senders.checked(received);
            Received mail = checked;
            return transactions.execute(status -> routeStored(mail));
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
                    new InboundResult(0, InboundOutcome.FAILED, null, null, null, why.reason()),
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
     * Parses a small mail from memory (the bytes kept as it was stored, or read back for a retry), a larger one in
     * place from its stored file ({@link SharedFileInputStream}: its parts are windows on the file, not copies),
     * which stays open until the mail is posted, since attachments are decoded from it as they are stored.
     */
    private InboundResult routeStored(Received received) {
        try {
            byte[] bytes = received.bytes();
            if (bytes == null && received.size() <= IN_MEMORY) {
                bytes = Files.readAllBytes(filestore.file(received.contentHash()));
            }
            if (bytes != null) {
                byte[] inMemory = bytes;
                return route(received, parsed(() -> parser.parse(inMemory)));
            }
            try (SharedFileInputStream raw = new SharedFileInputStream(
                    filestore.file(received.contentHash()).toFile())) {
                return route(received, parsed(() -> parser.parse(raw)));
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

    private InboundResult route(Received received, ParsedMail mail) {
        return routeParsed(received.withNotes(mail.notes()), mail);
    }

    private InboundResult routeParsed(Received received, ParsedMail mail) {
        // the sender is kept with the outcome: the loop guard counts a sender's posts and creations from the log
        String sender = mail.from() == null ? null : mail.from().normalized();
        Optional<String> fallbackModel = fallbackModel(received.source());
        Route route = router.route(mail, fallbackModel);
        if (route instanceof Route.Bounce bounce) {
            BounceOutcome taken = bounces.take(mail, received.receivedAt(), bounce.tentative());
            if (taken instanceof BounceOutcome.Recorded recorded) {
                return settle(
                        received,
                        sender,
                        new InboundResult(
                                0, InboundOutcome.BOUNCE, null, null, null, recorded.summary(), recorded.report()));
            }
            String why = ((BounceOutcome.NotABounce) taken).why();
            if (!bounce.tentative()) {
                return settle(received, sender, InboundOutcome.DROPPED, bounce.reason() + ", but " + why);
            }
            route = router.routeAsMail(mail, fallbackModel);
        }
        Optional<String> forged = SenderVerification.refusal(received.authentication(), mail);
        if (sender != null && !(route instanceof Route.Duplicate) && forged.isEmpty()) {
            // a mail that is no bounce came from the address: it works, whatever its contacts' bounces said
            partners.resetBounces(sender);
        }
        if (route instanceof Route.Unsubscribe unsubscribe) {
            // the token says who: the mail's sender may be another address of theirs, or a provider's robot
            boolean taken = mailings.unsubscribe(unsubscribe.token(), false);
            return settle(
                    received,
                    sender,
                    InboundOutcome.DROPPED,
                    unsubscribe.reason()
                            + (taken
                                    ? ": the recipient is unsubscribed"
                                    : ": its token is not one we signed, nothing changed"));
        }
        // a person's reply to a mass mail counts on its mailing, wherever it is routed (an auto-reply does not)
        Optional<String> massMail = mail.autoReply() ? Optional.empty() : mail.massMailToken();
        boolean counted = massMail.map(mailings::replied).orElse(false);
        if (route instanceof Route.MassMailReply reply) {
            return settle(
                    received,
                    sender,
                    InboundOutcome.DROPPED,
                    counted
                            ? reply.reason()
                            : mail.autoReply()
                                    ? "an automatic reply to a mass mail: not counted"
                                    : "a reply to a mass mail whose token is not one we signed: not counted");
        }
        if (forged.isPresent() && !(route instanceof Route.Dropped) && !(route instanceof Route.Duplicate)) {
            // DMARC says the From is not the sender's: nothing is posted under it, and it is not answered
            return settle(received, sender, InboundOutcome.REJECTED, route.reason() + "; " + forged.get());
        }
        SenderTrust trust = SenderVerification.trust(received.authentication(), mail);
        Optional<String> loop = loopGuard.loop(mail.from(), route);
        if (loop.isPresent()) {
            return settle(received, sender, InboundOutcome.DROPPED, loop.get() + "; " + refusalAnswers.loop(mail));
        }
        if (route instanceof Route.CatchallOnly catchallOnly) {
            return settle(
                    received,
                    sender,
                    InboundOutcome.DROPPED,
                    catchallOnly.reason() + "; " + refusalAnswers.catchallOnly(mail));
        }
        if (route instanceof Route.Reply reply) {
            long posted = delivery.reply(mail, reply.recordId(), trust);
            return settle(
                    received,
                    sender,
                    new InboundResult(
                            0,
                            InboundOutcome.POSTED,
                            reply.model(),
                            reply.recordId(),
                            posted,
                            reply.reason() + unattributed(trust)));
        }
        if (route instanceof Route.ToAliases toAliases) {
            return deliverToAliases(received, sender, mail, toAliases, trust);
        }
        if (route instanceof Route.Fallback fallback) {
            Alias everyone = new Alias(0, "fallback", fallback.model(), null, null, "everyone");
            return deliverToAliases(
                    received, sender, mail, new Route.ToAliases(List.of(everyone), fallback.reason()), trust);
        }
        InboundOutcome outcome = route instanceof Route.Duplicate ? InboundOutcome.DUPLICATE : InboundOutcome.DROPPED;
        return settle(received, sender, outcome, route.reason());
    }

    private InboundResult deliverToAliases(
            Received received, String sender, ParsedMail mail, Route.ToAliases route, SenderTrust trust) {
        ThreadDelivery.AliasOutcome outcome = delivery.toAliases(mail, route.aliases(), trust);
        if (outcome instanceof ThreadDelivery.AliasOutcome.Refused refused) {
            return settle(
                    received,
                    sender,
                    InboundOutcome.REJECTED,
                    String.join("; ", refused.refusals()) + "; " + refusalAnswers.refused(mail, refused.refusals()));
        }
        ThreadDelivery.AliasOutcome.Delivered delivered = (ThreadDelivery.AliasOutcome.Delivered) outcome;
        InboundOutcome result = delivered.created() ? InboundOutcome.CREATED : InboundOutcome.POSTED;
        return settle(
                received,
                sender,
                new InboundResult(
                        0,
                        result,
                        delivered.model(),
                        delivered.recordId(),
                        delivered.messageId(),
                        route.reason() + unattributed(trust)));
    }

    /** What the log says of a mail posted with an untrusted From: it names no contact. */
    private static String unattributed(SenderTrust trust) {
        return trust.trusted() ? "" : "; " + trust.why() + ": posted with no contact as its author";
    }

    /** The fallback model of the incoming server a mail was fetched from, if any. */
    private Optional<String> fallbackModel(MailSource source) {
        return source instanceof MailSource.Fetched fetched
                ? incomingServers.find(fetched.serverId()).map(IncomingServer::fallbackModel)
                : Optional.empty();
    }

    private InboundResult settle(Received received, String sender, InboundOutcome outcome, String reason) {
        return settle(received, sender, new InboundResult(0, outcome, null, null, null, reason));
    }

    /** Writes the inbound log entry with the outcome; the result then names it. */
    private InboundResult settle(Received received, String sender, InboundResult result) {
        return inboundLog.record(received, sender, result.noted(received.notes()), null, clock.instant());
    }
}
