/**
 * Deliverability: the DKIM keys of the sending domains and the signing of outgoing mail; the DNS check of the sending
 * domains (MX, SPF, DKIM, DMARC).
 *
 * <p>Entry points: {@link com.perfectwork.mail.deliverability.DkimKeys} (generate, list, activate or deactivate,
 * delete; the active keys of a domain, newest first). The {@code DkimSigner} implements the {@code outgoing} module's
 * {@link com.perfectwork.mail.outgoing.MailSigner}: {@code outgoing} calls it for every mail once its From is final,
 * without depending on this module. {@link com.perfectwork.mail.deliverability.DnsResolver} asks the DNS servers of
 * {@code perfectwork.dns.*} and keeps the answers briefly; {@link com.perfectwork.mail.deliverability.SpfEvaluator} is
 * RFC 7208's check_host(), for the DNS check of the outgoing servers and for received mail.
 * {@link com.perfectwork.mail.deliverability.SenderChecks} checks who sent a received mail (SPF for its SMTP client,
 * every DKIM signature with the {@code DkimVerifier}, DMARC for its From domain with the {@code DmarcEvaluator}) and
 * gives a {@link com.perfectwork.mail.deliverability.SenderAuthentication}, within the DNS timeout; the
 * {@code inbound} module runs it for every received mail. Publishes and consumes no events.
 */
package com.perfectwork.mail.deliverability;
