/**
 * Shared kernel: value types every module speaks ({@link com.perfectwork.mail.core.EmailAddress},
 * {@link com.perfectwork.mail.core.MessageId}) and the ways a module API refuses a request
 * ({@link com.perfectwork.mail.core.InvalidInputException}, {@link com.perfectwork.mail.core.UnknownIdException},
 * {@link com.perfectwork.mail.core.ConflictException}, {@link com.perfectwork.mail.core.NotPermittedException}), and the plain text of an HTML body
 * ({@link com.perfectwork.mail.core.HtmlToText}), which notifications and received mail both need, and the text
 * of a list's search box ({@link com.perfectwork.mail.core.SearchText}); and what became of queued mails
 * ({@link com.perfectwork.mail.core.MailOutcomes}: sent, failed, bounced, canceled, requeued), which the outgoing queue
 * publishes and the chatter's notifications follow, without either module calling the other.
 * Records and plain classes only, no beans.
 */
package com.perfectwork.mail.core;
