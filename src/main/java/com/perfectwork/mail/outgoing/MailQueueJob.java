package com.perfectwork.mail.outgoing;

import com.perfectwork.mail.scheduling.Interval;
import com.perfectwork.mail.scheduling.ScheduledJob;
import org.springframework.stereotype.Component;

/** The scheduled action "Mail: Email Queue Manager": a pass every minute, for mails whose retry time came. */
@Component
class MailQueueJob implements ScheduledJob {

    private final QueueRunner runner;

    MailQueueJob(QueueRunner runner) {
        this.runner = runner;
    }

    @Override
    public String code() {
        return "mail_queue";
    }

    @Override
    public String name() {
        return "Mail: Email Queue Manager";
    }

    @Override
    public Interval defaultInterval() {
        return Interval.minutes(1);
    }

    @Override
    public String run() {
        return runner.runNow().toString();
    }
}
