package com.perfectwork.mail.mailing;

import com.perfectwork.mail.outgoing.BulkMailsDelivered;
import com.perfectwork.mail.outgoing.BulkOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The queue's outcomes for a mailing's mass mails, written to their traces in the transaction that writes them to the
 * queue (so that a trace never says queued for a mail that left): sent, failed, bounced (and one more bounce on the
 * contact), canceled. A mailing whose last queued trace got its outcome is done.
 */
@Component
class MailingOutcomes {

    private static final Set<String> STATES = Set.of("sent", "failed", "bounced", "canceled");

    private final MailingTraces traces;
    private final Mailings mailings;
    private final MailingAudience audience;

    MailingOutcomes(MailingTraces traces, Mailings mailings, MailingAudience audience) {
        this.traces = traces;
        this.mailings = mailings;
        this.audience = audience;
    }

    @EventListener
    void on(BulkMailsDelivered event) {
        List<MailingTraces.Outcome> outcomes = new ArrayList<>();
        for (BulkOutcome outcome : event.outcomes()) {
            OptionalLong traceId = TraceToken.traceIdOf(outcome.token());
            if (traceId.isPresent() && STATES.contains(outcome.state())) {
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
        for (long mailing : traces.mailingsOf(
                outcomes.stream().map(MailingTraces.Outcome::traceId).toList())) {
            mailings.lock(mailing);
            mailings.finishIfDone(mailing);
        }
    }
}
