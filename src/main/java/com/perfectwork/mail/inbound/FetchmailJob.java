package com.perfectwork.mail.inbound;

import com.perfectwork.mail.scheduling.Interval;
import com.perfectwork.mail.scheduling.ScheduledJob;
import org.springframework.stereotype.Component;

/** The scheduled action "Mail: Fetchmail Service": every 5 minutes by default, as the documentation says. */
@Component
class FetchmailJob implements ScheduledJob {

    private final Fetchmail fetchmail;

    FetchmailJob(Fetchmail fetchmail) {
        this.fetchmail = fetchmail;
    }

    @Override
    public String code() {
        return "mail_fetchmail";
    }

    @Override
    public String name() {
        return "Mail: Fetchmail Service";
    }

    @Override
    public Interval defaultInterval() {
        return Interval.minutes(5);
    }

    @Override
    public String run() {
        return fetchmail.fetchAll().toString();
    }
}
