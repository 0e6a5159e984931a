/**
 * Email Marketing: mailing lists and their contacts, and mailings.
 *
 * <p>A contact is one normalized address ({@link com.perfectwork.mail.mailing.MailingContacts}), on any number of lists
 * ({@link com.perfectwork.mail.mailing.MailingLists}), opted out per list: an opt-out keeps the subscription, so that
 * nothing but an opt-in subscribes the contact again. Contacts come in by hand or by CSV import
 * ({@link com.perfectwork.mail.mailing.ContactImports}: streamed, written in batches, its progress and report of
 * refused lines in the database so that any instance shows them).
 *
 * <p>The audience of a mailing is read through {@link com.perfectwork.mail.mailing.MailingAudience}: the contacts
 * subscribed to any of its lists, each once, in id order, a page at a time; the same class opts a recipient out or in
 * and counts a bounce.
 *
 * <p>A mailing ({@link com.perfectwork.mail.mailing.Mailings}) is written while a draft, then sent by
 * {@link com.perfectwork.mail.mailing.MailingSender}: its body becomes one bulk message of {@code outgoing}'s
 * {@code BulkMail}, each recipient (lists' contacts, or followers of a model's records through {@code discussion})
 * a trace and, unless excluded, one mass mail; the scheduled action "Email Marketing: Send scheduled mailings" sends
 * the scheduled ones and resumes the queueing of a mailing whose instance stopped half-way (its lease lapsed), after the
 * last page committed. {@link com.perfectwork.mail.mailing.MailingTracking} serves the recipient's signed addresses
 * ({@link com.perfectwork.mail.mailing.TraceToken}): open, click, unsubscribe. Consumes {@code BulkMailsDelivered}
 * (the queue's outcomes, in its transaction); publishes {@code MailingPageQueued} (a page of recipients committed,
 * synchronously in the queueing's thread).
 */
package com.perfectwork.mail.mailing;
