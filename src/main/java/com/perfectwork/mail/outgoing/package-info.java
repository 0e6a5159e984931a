/**
 * Outgoing mail: the servers, the choice of server and From, the queue and SMTP delivery.
 *
 * <p>A mail's path: {@link com.perfectwork.mail.outgoing.MailQueue} queues one row per ready notification when a
 * {@code MessagePosted} event is published (in the posting transaction) and wakes the {@code QueueRunner} once it
 * committed; the
 * {@code DeliveryWorker} claims due rows (a short lease, which the {@code ClaimHeartbeat} extends while they are sent,
 * and a mail is sent only while its claim holds it), the {@code DeliveryPlanner} checks the addresses and applies the
 * documented server ladder ({@link com.perfectwork.mail.outgoing.MailServerSelector}) and envelope rule, the
 * {@code GroupSender} sends each server's mails over reused connections ({@code SmtpSession}) within the daily
 * limit (each mail signed by the {@link com.perfectwork.mail.outgoing.MailSigner}s, if any, once its From is final), and
 * every outcome is a transition of the mail ({@link com.perfectwork.mail.outgoing.OutgoingMail}: sent, failed,
 * deferred, waiting, canceled), written to its row and published as {@link com.perfectwork.mail.core.MailOutcomes}, which
 * its notification follows (sent, or the red envelope); a bounce that comes back later marks a sent mail {@code bounce}
 * ({@link com.perfectwork.mail.outgoing.MailQueue#bounced}). Answers to
 * senders ({@link com.perfectwork.mail.outgoing.SenderAnswers}) and notices to administrators
 * ({@link com.perfectwork.mail.outgoing.AdminNotices}) are composed whole when queued and take the same path. Mass
 * mail ({@link com.perfectwork.mail.outgoing.BulkMail}) takes it too, after transactional mail (a claim holds few mass
 * mails): one row per recipient, composed when sent from its bulk message and the recipient's token, through the
 * dedicated server or the ladder, within each server's rate per minute; a mass mail to a blacklisted address is
 * canceled.
 *
 * <p>Entry points: {@link com.perfectwork.mail.outgoing.MailServers}, {@link com.perfectwork.mail.outgoing.MailQueue},
 * {@link com.perfectwork.mail.outgoing.SenderAnswers}, {@link com.perfectwork.mail.outgoing.AdminNotices},
 * {@link com.perfectwork.mail.outgoing.BulkMail} and Test Connection. Consumes {@code MessagePosted} and
 * {@code AddressBlacklisted}; publishes {@link com.perfectwork.mail.core.MailOutcomes} (what became of each mail, one
 * batch per flush) and {@link com.perfectwork.mail.outgoing.BulkMailsDelivered} (the outcomes of mass mails, for their
 * mailings' traces).
 */
package com.perfectwork.mail.outgoing;
