/**
 * Scheduled actions (Settings ‣ Technical ‣ Automation ‣ Scheduled Actions): periodic jobs whose
 * interval an administrator edits, each run on one instance of a cluster at a time.
 *
 * <p>Other modules contribute a job by declaring a {@link com.perfectwork.mail.scheduling.ScheduledJob} bean;
 * its action row is created at the first start with the job's default interval and is the
 * administrator's from then on. Entry points: {@link com.perfectwork.mail.scheduling.ScheduledActions} (list,
 * change, run now, {@code trigger} to wake a job at once). A run is claimed with a database lease, so
 * several instances sharing one database never run the same action together. Publishes and consumes no events.
 */
package com.perfectwork.mail.scheduling;
