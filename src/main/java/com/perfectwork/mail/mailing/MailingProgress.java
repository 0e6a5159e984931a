package com.perfectwork.mail.mailing;

/**
 * Where a mailing's mails are: {@code total} recipients (traces), {@code queued} still waiting, {@code sent} handed to
 * a server ({@code delivered} of them not bounced since), {@code failed}, {@code bounced}, {@code canceled}, and the
 * recipients left out by kind.
 */
public record MailingProgress(
        long total,
        long queued,
        long sent,
        long delivered,
        long failed,
        long bounced,
        long canceled,
        Excluded excluded) {

    public record Excluded(long blacklisted, long optedOut, long duplicate, long invalid) {
        public long total() {
            return blacklisted + optedOut + duplicate + invalid;
        }
    }

    /** How much of the mailing is done, 0 to 100: the mails that got an outcome, of those to send. */
    public int percent() {
        long toSend = total - excluded.total();
        return toSend == 0 ? 100 : (int) ((toSend - queued) * 100 / toSend);
    }
}
