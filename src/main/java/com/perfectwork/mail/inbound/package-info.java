/**
 * Received mail: every source hands raw bytes to {@link com.perfectwork.mail.inbound.InboundPipeline}, which stores
 * them before anything else, then parses, routes and posts, and records the outcome in the inbound log
 * ({@link com.perfectwork.mail.inbound.InboundLog}). A mail that fails is kept as {@code failed} with its error and
 * can be processed again. Sources here: the HTTP gateway; IMAP/POP3 fetching and the SMTP receiver come with
 * their own work. Publishes and consumes no events (posting publishes {@code MessagePosted}).
 */
package com.perfectwork.mail.inbound;
