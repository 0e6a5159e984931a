package com.perfectwork.mail.core;

/**
 * What became of one queued mail, as the outgoing queue recorded it: published in batches ({@link MailOutcomes}) in
 * the transaction that records them, for whoever follows the mails (the chatter's notifications) to follow them in
 * the same commit.
 */
public sealed interface MailOutcome permits MailSent, MailFailed, MailBounced, MailCanceled, MailRequeued {

    /** The queue's id of the mail. */
    long mailId();

    /** The chatter notification the mail was sent for, or null for any other mail. */
    Long notificationId();
}
