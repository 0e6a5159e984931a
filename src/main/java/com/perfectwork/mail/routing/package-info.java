/**
 * Reading a received mail and deciding where it goes.
 *
 * <p>Entry points: {@link com.perfectwork.mail.routing.MailParser} (raw bytes to a {@link com.perfectwork.mail.routing.ParsedMail},
 * tolerant of broken MIME and charsets, with the new part of a reply told from its quoted history by
 * {@link com.perfectwork.mail.routing.ReplyText}), {@link com.perfectwork.mail.routing.InboundRouter} (the documented order:
 * duplicate, bounce, a reply to a loop warning, a mass mail's unsubscribe address, reply to a known Message-ID,
 * aliases, a reply to a mass mail sent to the catchall only, catchall only, fallback model, no route), {@link com.perfectwork.mail.routing.Aliases} and their
 * {@link com.perfectwork.mail.routing.ContactPolicy}. Publishes and consumes no events.
 */
package com.perfectwork.mail.routing;
