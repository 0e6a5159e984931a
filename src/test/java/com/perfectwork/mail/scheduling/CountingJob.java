package com.perfectwork.mail.scheduling;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/** A job for the scheduling tests: counts its runs. */
@Component
public class CountingJob implements ScheduledJob {

    private final AtomicInteger runs = new AtomicInteger();

    @Override
    public String code() {
        return "test_counter";
    }

    @Override
    public String name() {
        return "Test: Counter";
    }

    @Override
    public Interval defaultInterval() {
        return new Interval(1, IntervalType.DAYS);
    }

    @Override
    public String run() {
        return "run " + runs.incrementAndGet();
    }

    public int runs() {
        return runs.get();
    }
}
