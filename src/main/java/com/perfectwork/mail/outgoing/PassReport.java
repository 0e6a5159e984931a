package com.perfectwork.mail.outgoing;

/** What one pass of the queue did: mails accepted, failed for good, and left for later. */
public record PassReport(int sent, int failed, int deferred) {

    public static final PassReport NONE = new PassReport(0, 0, 0);

    /** The report of these outcomes: sent, failed for good, and the rest (waiting, retried, canceled). */
    static PassReport of(java.util.List<OutgoingMail> outcomes) {
        int sent = 0;
        int failed = 0;
        for (OutgoingMail mail : outcomes) {
            if (mail.state() == MailState.SENT) {
                sent++;
            } else if (mail.state() == MailState.EXCEPTION) {
                failed++;
            }
        }
        return new PassReport(sent, failed, outcomes.size() - sent - failed);
    }

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
