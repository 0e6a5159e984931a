package com.perfectwork.mail.mailing;

import com.perfectwork.mail.outgoing.BulkMailsDelivered;
import com.perfectwork.mail.outgoing.BulkOutcome;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The queue's outcomes for a mailing's mass mails, written to their traces in the transaction that writes them to the
 * queue (so that a trace never says queued for a mail that left): sent, failed, bounced (and one more bounce on the
 * contact), canceled. A mailing whose last queued trace got its outcome is done.
 */
@Component
class MailingOutcomes {

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
        Set<Long> touched = new TreeSet<>();
        for (BulkOutcome outcome : event.outcomes()) {
            OptionalLong traceId = TraceToken.traceIdOf(outcome.token());
            if (traceId.isEmpty() || !isTraceState(outcome.state())) {
                continue;
            }
            if (traces.outcome(traceId.getAsLong(), outcome.state(), reason(outcome), outcome.at()) > 0) {
                traces.find(traceId.getAsLong()).ifPresent(trace -> {
                    touched.add(trace.mailingId());
                    if ("bounced".equals(outcome.state())) {
                        audience.countBounce(trace.email());
                    }
                });
            }
        }
        touched.forEach(mailings::finishIfDone);
    }

    private static boolean isTraceState(String state) {
        return Set.of("sent", "failed", "bounced", "canceled").contains(state);
    }

    private static String reason(BulkOutcome outcome) {
        return "sent".equals(outcome.state()) ? null : outcome.reason();
    }
}
