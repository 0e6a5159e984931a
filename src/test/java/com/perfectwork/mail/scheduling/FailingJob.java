package com.perfectwork.mail.scheduling;

import org.springframework.stereotype.Component;

/** A job for the scheduling tests: its infrastructure is always broken. */
@Component
public class FailingJob implements ScheduledJob {

    @Override
    public String code() {
        return "test_failing";
    }

    @Override
    public String name() {
        return "Test: Failing";
    }

    @Override
    public Interval defaultInterval() {
        return new Interval(7, IntervalType.DAYS);
    }

    @Override
    public String run() {
        throw new IllegalStateException("the test server is unreachable");
    }
}
