package com.perfectwork.mail.outgoing;

/** What one pass of the queue did: mails accepted, failed for good, and left for later. */
public record PassReport(int sent, int failed, int deferred) {

    public static final PassReport NONE = new PassReport(0, 0, 0);

    PassReport plus(PassReport other) {
        return new PassReport(sent + other.sent, failed + other.failed, deferred + other.deferred);
    }

    boolean empty() {
        return sent + failed + deferred == 0;
    }

    @Override
    public String toString() {
        return "sent " + sent + ", failed " + failed + ", deferred " + deferred;
    }
}
