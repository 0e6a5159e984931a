/**
 * Retention: the scheduled action <i>Mail: Garbage Collection</i> ({@code mail_gc}, daily by default) deletes what
 * has served its time, asking each module to delete its own rows: mails sent or canceled more than
 * {@code mail.queue.retention.days} ago (outgoing), received mails processed more than
 * {@code mail.inbound.retention.days} ago and bounces as old (inbound, bounce), then the files no module refers to
 * any more (storage). Failed mails, sent or received, stay until someone deals with them. Entry point: the job
 * {@link com.perfectwork.mail.retention.GarbageCollection}. Publishes and consumes no events.
 */
package com.perfectwork.mail.retention;
