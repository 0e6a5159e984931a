/**
 * Email Marketing: mailing lists and their contacts.
 *
 * <p>A contact is one normalized address ({@link com.perfectwork.mail.mailing.MailingContacts}), on any number of
 * lists ({@link com.perfectwork.mail.mailing.MailingLists}), opted out per list: an opt-out keeps the subscription,
 * so that nothing but an opt-in subscribes the contact again. Contacts come in by hand or by CSV import
 * ({@link com.perfectwork.mail.mailing.ContactImports}: streamed, written in batches, its progress and report of
 * refused lines in the database so that any instance shows them).
 *
 * <p>The audience of a mailing is read through {@link com.perfectwork.mail.mailing.MailingAudience}: the contacts
 * subscribed to any of its lists, each once, in id order, a page at a time; the same class opts a recipient out or in
 * and counts a bounce. Publishes and consumes no events.
 */
package com.perfectwork.mail.mailing;
