package com.perfectwork.mail.outgoing;

/**
 * The mails of a bulk message by state: still in the queue (waiting or retrying), accepted by a server, failed for
 * good, bounced after they were accepted, canceled (by a cancel, a suppression or the blacklist).
 */
public record BulkProgress(long queued, long sent, long failed, long bounced, long canceled) {

    public long total() {
        return queued + sent + failed + bounced + canceled;
    }
}
