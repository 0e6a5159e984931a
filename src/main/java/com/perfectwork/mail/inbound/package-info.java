/**
 * Received mail: every source hands raw bytes to {@link com.perfectwork.mail.inbound.InboundPipeline}, which stores
 * them before anything else, then parses, routes and posts, and records the outcome in the inbound log
 * ({@link com.perfectwork.mail.inbound.InboundLog}). A mail that fails is kept as {@code failed} with its error and
 * can be processed again. Sources: the HTTP gateway, IMAP/POP3 fetching ({@link com.perfectwork.mail.inbound.Fetchmail})
 * the SMTP and LMTP receivers, and IMAP IDLE. Senders of mail that is not taken are answered ({@code RefusalAnswers}, through the outgoing
 * queue). Publishes and consumes no events (posting publishes {@code MessagePosted}).
 */
package com.perfectwork.mail.inbound;
