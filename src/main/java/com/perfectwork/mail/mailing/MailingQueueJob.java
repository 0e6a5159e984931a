package com.perfectwork.mail.mailing;

import com.perfectwork.mail.scheduling.Interval;
import com.perfectwork.mail.scheduling.ScheduledJob;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Email Marketing: Send scheduled mailings": sends the scheduled mailings whose time has come, and finishes the
 * sending ones none of whose mails waits any more (should an outcome have found the mailing still queuing its last
 * page). Resumes first the queueing of the sending mailings whose instance stopped half-way (their lease lapsed), after
 * the last page it committed. Runs once per cluster, like every scheduled action.
 */
@Component
class MailingQueueJob implements ScheduledJob {

    private static final Logger log = LoggerFactory.getLogger(MailingQueueJob.class);

    private final Mailings mailings;
    private final MailingSender sender;
    private final QueueLeases leases;
    private final Clock clock;

    MailingQueueJob(Mailings mailings, MailingSender sender, QueueLeases leases, Clock clock) {
        this.mailings = mailings;
        this.sender = sender;
        this.leases = leases;
        this.clock = clock;
    }

    @Override
    public String code() {
        return "mass_mailing_queue";
    }

    @Override
    public String name() {
        return "Email Marketing: Send scheduled mailings";
    }

    @Override
    public Interval defaultInterval() {
        return Interval.minutes(1);
    }

    @Override
    public String run() {
        int resumed = 0;
        int failed = 0;
        for (long id : leases.lapsed()) {
            try {
                resumed += sender.resume(id).isPresent() ? 1 : 0;
            } catch (RuntimeException e) {
                failed++;
                log.warn("the queueing of mailing {} could not be resumed", id, e);
            }
        }
        int sent = 0;
        for (long id : mailings.due(clock.instant())) {
            try {
                sender.send(id);
                sent++;
            } catch (RuntimeException e) {
                failed++;
                log.warn("scheduled mailing {} could not be sent", id, e);
            }
        }
        long done =
                mailings.sendingQueued().stream().filter(mailings::finishIfDone).count();
        return "sent " + sent + " scheduled mailing(s)" + (resumed > 0 ? ", resumed " + resumed : "")
                + (failed > 0 ? ", " + failed + " failed" : "")
                + (done > 0 ? ", " + done + " done" : "");
    }
}
