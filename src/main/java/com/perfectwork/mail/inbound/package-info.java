/**
 * Received mail: every source hands raw bytes to {@link com.perfectwork.mail.inbound.InboundPipeline}, which stores
 * them before anything else, checks its sender (SPF, DKIM, DMARC: {@code SenderVerification}, outside any transaction),
 * then parses, routes once and acts on the route ({@code RouteActs}: post, create, take a bounce, count a mass mail's
 * reply, refuse and answer), and records the outcome in the inbound log
 * ({@link com.perfectwork.mail.inbound.InboundLog}). Each source hands itself as a
 * {@link com.perfectwork.mail.inbound.MailSource}, which the log keeps as a word. A mail that fails, whatever broke
 * ({@code Error}s included), is kept as {@code failed} with its reason and can be processed again; a fetched one is set
 * aside in its mailbox. The SMTP and LMTP receivers answer a mail's own failure {@code 554} and the machine's
 * {@code 4xx}, within limits of their own ({@code ReceiverLimits}). Sources: the HTTP gateway, IMAP/POP3 fetching
 * ({@link com.perfectwork.mail.inbound.Fetchmail}), the SMTP and LMTP receivers, and IMAP IDLE. Senders of mail that is
 * not taken are answered ({@code RefusalAnswers}, through the outgoing queue). Publishes and consumes no events
 * (posting publishes {@code MessagePosted}).
 */
package com.perfectwork.mail.inbound;
