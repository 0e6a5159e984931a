package com.perfectwork.mail.mailing;

import com.perfectwork.mail.outgoing.BulkMailsDelivered;
import com.perfectwork.mail.outgoing.BulkOutcome;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The queue's outcomes for a mailing's mass mails, written to their traces in the transaction that writes them to the
 * queue (so that a trace never says queued for a mail that left): sent, failed, bounced (and one more bounce on the
 * contact), canceled. A mailing whose last queued trace got its outcome is done: asked once that transaction has
 * committed, in one of its own under the mailing's lock, so that the connections sending a mailing do not wait for
 * each other's writes on the mailing's row (the lock, taken in the outcomes' transaction, was held through their
 * commit). Whichever commits last sees every outcome; a crash between the commit and the question is answered by
 * {@link MailingQueueJob}, which finishes the mailings that are done.
 */
@Component
class MailingOutcomes {

    private static final Logger log = LoggerFactory.getLogger(MailingOutcomes.class);

    private static final int MAILINGS_REMEMBERED = 10_000;

    private static final Set<String> STATES = Set.of("sent", "failed", "bounced", "canceled");

    private final MailingTraces traces;
    private final Mailings mailings;
    private final MailingAudience audience;

    private final TransactionTemplate ownTransaction;

    private final Map<Long, Long> mailingOfBulkMessage = new ConcurrentHashMap<>();

    MailingOutcomes(
            MailingTraces traces,
            Mailings mailings,
            MailingAudience audience,
            PlatformTransactionManager transactions) {
        this.traces = traces;
        this.mailings = mailings;
        this.audience = audience;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @EventListener
    void on(BulkMailsDelivered event) {
        List<MailingTraces.Outcome> outcomes = new ArrayList<>();
        Set<Long> bulkMessages = new HashSet<>();
        for (BulkOutcome outcome : event.outcomes()) {
            OptionalLong traceId = TraceToken.traceIdOf(outcome.token());
            if (traceId.isPresent() && STATES.contains(outcome.state())) {
                bulkMessages.add(outcome.bulkMessageId());
                outcomes.add(new MailingTraces.Outcome(
                        traceId.getAsLong(),
                        outcome.state(),
                        "sent".equals(outcome.state()) ? null : outcome.reason(),
                        outcome.at()));
            }
        }
        if (outcomes.isEmpty()) {
            return;
        }
        List<MailingTraces.Outcome> changed = traces.apply(outcomes);
        List<Long> bounced = changed.stream()
                .filter(outcome -> "bounced".equals(outcome.state()))
                .map(MailingTraces.Outcome::traceId)
                .toList();
        if (!bounced.isEmpty()) {
            traces.emailsOf(bounced).forEach(audience::countBounce);
        }
        List<Long> touched = mailingsOf(bulkMessages, outcomes);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    finishIfDone(touched);
                }
            });
        } else {
            finishIfDone(touched);
        }
    }

    /**
     * The mailings of these bulk messages, in id order: a mailing's bulk message is set once, before its first mail is
     * queued, so it is looked up once per mailing, not once per batch of outcomes. The traces tell when one is not
     * known (a bulk message that is no mailing's has no trace to write).
     */
    private List<Long> mailingsOf(Set<Long> bulkMessages, List<MailingTraces.Outcome> outcomes) {
        if (mailingOfBulkMessage.size() > MAILINGS_REMEMBERED) {
            mailingOfBulkMessage.clear();
        }
        TreeSet<Long> touched = new TreeSet<>();
        for (long bulkMessage : bulkMessages) {
            Long mailing = mailingOfBulkMessage.computeIfAbsent(
                    bulkMessage, id -> mailings.ofBulkMessage(id).orElse(null));
            if (mailing == null) {
                return traces.mailingsOf(
                        outcomes.stream().map(MailingTraces.Outcome::traceId).toList());
            }
            touched.add(mailing);
        }
        return List.copyOf(touched);
    }

    private void finishIfDone(List<Long> touched) {
        for (long mailing : touched) {
            try {
                ownTransaction.executeWithoutResult(status -> {
                    // a trace still queued, seen without the lock, is another connection's to finish: its outcome is
                    // not committed yet, and whoever commits it asks after its commit. Only the last ones wait on
                    // the lock, not every batch of a 100 000-recipient mailing
                    if (mailings.hasQueued(mailing)) {
                        return;
                    }
                    mailings.lock(mailing);
                    mailings.finishIfDone(mailing);
                });
            } catch (RuntimeException e) {
                // the outcomes are written: the sender goes on, and the queue job finishes the mailing later
                log.warn("Cannot tell whether mailing {} is done ({}): the mailing job will", mailing, e.getMessage());
            }
        }
    }
}
