package com.perfectwork.mail.mailing;

import com.perfectwork.mail.core.ConflictException;
import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.discussion.BodySanitizer;
import com.perfectwork.mail.mailing.MailingTraces.NewTrace;
import com.perfectwork.mail.outgoing.BulkMail;
import com.perfectwork.mail.outgoing.BulkMessage;
import com.perfectwork.mail.outgoing.BulkRecipient;
import com.perfectwork.mail.routing.UnsubscribeAddress;
import com.perfectwork.mail.settings.MailDomainSettings;
import com.perfectwork.mail.settings.Secrets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends a mailing: its body becomes one bulk message of the queue, its recipients traces, and each page of
 * recipients one batch of mass mails, a transaction per page (a mailing to a hundred thousand contacts never holds them
 * all, nor one long transaction). A mailing canceled meanwhile stops at the next page. The queueing is held by a lease
 * ({@link QueueLeases}) that each page extends in its own transaction, recording where it got to: when the instance
 * stops half-way, the scheduled action {@link #resume}s it after the last committed page.
 */
@Component
public class MailingSender {

    /** The token of a test mail: it names no trace, so that its links and unsubscribe lead nowhere. */
    static final String TEST_TOKEN = "test";

    private final Mailings mailings;
    private final MailingTraces traces;
    private final MailingRecipients recipients;
    private final BulkMail bulkMail;
    private final BodySanitizer sanitizer;
    private final MailingUrls urls;
    private final MailDomainSettings domain;
    private final TraceToken tokens;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final QueueLeases leases;
    private final ApplicationEventPublisher events;

    MailingSender(
            Mailings mailings,
            MailingTraces traces,
            MailingRecipients recipients,
            BulkMail bulkMail,
            BodySanitizer sanitizer,
            MailingUrls urls,
            MailDomainSettings domain,
            Secrets secrets,
            PlatformTransactionManager transactions,
            Clock clock,
            QueueLeases leases,
            ApplicationEventPublisher events) {
        this.mailings = mailings;
        this.traces = traces;
        this.recipients = recipients;
        this.bulkMail = bulkMail;
        this.sanitizer = sanitizer;
        this.urls = urls;
        this.domain = domain;
        this.tokens = new TraceToken(secrets.derivedKey("mailing-trace"));
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.leases = leases;
        this.events = events;
    }

    /**
     * Sends a draft or a scheduled mailing now: every recipient gets a trace and every one not excluded a mass mail in
     * the queue. Returns when all are queued.
     *
     * @throws ConflictException when the mailing is neither a draft nor scheduled (another caller sent it first)
     */
    public Mailing send(long id) {
        Mailing mailing = mailings.require(id);
        requireSendable(mailing);
        MailingBody body = body(mailing);
        long bulk = bulkMail.create(message(mailing, body));
        String holder = leases.newHolder();
        transaction.executeWithoutResult(status -> start(mailing, bulk, body, holder));
        return queueFrom(mailing, bulk, holder, QueuePosition.START);
    }

    /**
     * Resumes the queueing of a sending mailing whose instance stopped (its lease lapsed) exactly after the last page
     * it committed; returns when all are queued. Empty when the lease holds (its instance is alive, or another took it
     * over first) or the mailing is no longer sending.
     */
    public Optional<Mailing> resume(long id) {
        String holder = leases.newHolder();
        return transaction.execute(status -> leases.takeOver(id, holder)).map(from -> {
            Mailing mailing = mailings.require(id);
            return queueFrom(mailing, mailing.bulkMessageId(), holder, from);
        });
    }

    /**
     * Queues the recipients after {@code from}, a page and a transaction at a time, each extending the lease first;
     * stops when the lease is lost (canceled, or taken over after a lapse), and finishes the mailing if it still holds
     * it.
     */
    private Mailing queueFrom(Mailing mailing, long bulk, String holder, QueuePosition from) {
        long id = mailing.id();
        long[] lastTrace = {traces.lastId(id)};
        Set<String> traced = from == QueuePosition.START ? Set.of() : traces.tracedAddresses(id);
        recipients.walk(mailing, from, traced, page -> {
            boolean held = Boolean.TRUE.equals(transaction.execute(status -> {
                if (!leases.extend(id, holder, page.reached())) {
                    return false;
                }
                lastTrace[0] = queue(id, bulk, page.traces(), lastTrace[0]);
                return true;
            }));
            if (held) {
                events.publishEvent(new MailingPageQueued(id, page.traces().size()));
            }
            return held;
        });
        transaction.executeWithoutResult(status -> {
            if (leases.release(id, holder)) {
                mailings.queued(id, traces.count(id));
                mailings.finishIfDone(id);
            }
        });
        return mailings.require(id);
    }

    /** Queues the mailing as it is now to these addresses, each at once, as a plain mail (no trace). */
    public int test(long id, List<String> emails) {
        Mailing mailing = mailings.require(id);
        if (emails == null || emails.isEmpty()) {
            throw new InvalidInputException("emails", "name at least one address");
        }
        List<EmailAddress> addresses = new ArrayList<>();
        for (String email : emails) {
            addresses.add(EmailAddress.tryParse(email)
                    .orElseThrow(() -> new InvalidInputException("emails", "not an email address: " + email)));
        }
        MailingBody body = body(mailing);
        long bulk = bulkMail.create(message(mailing, body));
        for (EmailAddress address : addresses) {
            bulkMail.queueTest(bulk, new BulkRecipient(address.address(), address.displayName(), TEST_TOKEN));
        }
        return addresses.size();
    }

    /**
     * Cancels a scheduled or sending mailing: what is still queued is not sent, its traces canceled.
     *
     * @throws ConflictException when the mailing is neither scheduled nor sending
     */
    @Transactional
    public Mailing cancel(long id) {
        Mailing mailing = mailings.require(id);
        if (mailing.state() != MailingState.SCHEDULED && mailing.state() != MailingState.SENDING) {
            throw new ConflictException(
                    "the mailing is " + mailing.state().code() + ": only a scheduled or sending one can be canceled");
        }
        // the queue's rows first, then the mailing's, in the order the queue's outcomes take them
        if (mailing.state() == MailingState.SENDING && mailing.bulkMessageId() != null) {
            bulkMail.cancel(mailing.bulkMessageId());
            traces.cancelQueued(id);
        }
        if (!mailings.cancel(id, mailing.state())) {
            throw new ConflictException("the mailing changed meanwhile: it is "
                    + mailings.require(id).state().code());
        }
        return mailings.require(id);
    }

    private void requireSendable(Mailing mailing) {
        if (mailing.state() != MailingState.DRAFT && mailing.state() != MailingState.SCHEDULED) {
            throw new ConflictException("the mailing is " + mailing.state().code() + ": it was sent already");
        }
    }

    private void start(Mailing mailing, long bulk, MailingBody body, String holder) {
        if (!mailings.startSending(mailing.id(), bulk)) {
            throw new ConflictException("the mailing was sent or canceled meanwhile");
        }
        leases.take(mailing.id(), holder);
        mailings.saveLinks(mailing.id(), body.links());
    }

    /** One page: its traces, then one mass mail per recipient not excluded; the last trace id queued. */
    private long queue(long mailingId, long bulk, List<NewTrace> page, long afterTrace) {
        traces.insert(mailingId, page);
        Map<String, NewTrace> byAddress = new HashMap<>();
        page.stream().filter(trace -> trace.exclusion() == null).forEach(t -> byAddress.put(t.normalized(), t));
        if (byAddress.isEmpty()) {
            return afterTrace;
        }
        List<BulkRecipient> batch = new ArrayList<>();
        long last = afterTrace;
        for (Map.Entry<Long, String> queued :
                traces.queuedAfter(mailingId, afterTrace, byAddress.size()).entrySet()) {
            NewTrace trace = byAddress.get(queued.getValue());
            batch.add(new BulkRecipient(trace.email(), trace.name(), tokens.sign(queued.getKey())));
            last = queued.getKey();
        }
        bulkMail.queue(bulk, batch, clock.instant());
        return last;
    }

    private MailingBody body(Mailing mailing) {
        return MailingBody.render(sanitizer.sanitize(mailing.body()), mailing.previewText(), mailing.tracking(), urls);
    }

    private BulkMessage message(Mailing mailing, MailingBody body) {
        String mailto = domain.catchallDomain()
                .map(catchall -> UnsubscribeAddress.of(MailingBody.TOKEN, catchall))
                .orElse(null);
        return new BulkMessage(
                mailing.subject(),
                body.html(),
                body.text(),
                mailing.emailFrom(),
                mailing.replyTo(),
                mailing.mailServerId(),
                urls.unsubscribe(MailingBody.TOKEN),
                mailto,
                Map.of());
    }
}
