package com.perfectwork.mail.scheduling;

/**
 * A periodic job, as a module contributes it. {@link #run()} does one pass and returns a short summary
 * for the administrator ("sent 12, deferred 1"); it throws only when the pass could not be done at
 * all (the database is down, a bug), and that error is shown on the action.
 */
public interface ScheduledJob {

    /** Stable technical name, like {@code mail_fetchmail}. */
    String code();

    /** The name administrators see, like "Mail: Fetchmail Service". */
    String name();

    /** The interval an action gets when it is first created. */
    Interval defaultInterval();

    String run() throws Exception;
}
