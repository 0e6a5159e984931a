/**
 * Reading a received mail and deciding where it goes.
 *
 * <p>Entry points: {@link com.perfectwork.mail.routing.MailParser} (raw bytes to a {@link com.perfectwork.mail.routing.ParsedMail},
 * tolerant of broken MIME and charsets), {@link com.perfectwork.mail.routing.InboundRouter} (the documented order:
 * duplicate, bounce, reply to a known Message-ID, then no route). Aliases, the catchall answer, the contact
 * policy and the loop guard come with their own work. Publishes and consumes no events.
 */
package com.perfectwork.mail.routing;
