/**
 * Deliverability: DKIM keys of the sending domains and the signing of outgoing mail.
 *
 * <p>Entry points: {@link com.perfectwork.mail.deliverability.DkimKeys} (generate, list, activate, delete; the
 * active keys of a domain). Signs outgoing mail through the {@code outgoing} module's {@code MailSigner} SPI.
 * Publishes and consumes no events.
 */
package com.perfectwork.mail.deliverability;
