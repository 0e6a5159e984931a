/**
 * Deliverability: the DKIM keys of the sending domains and the signing of outgoing mail.
 *
 * <p>Entry points: {@link com.perfectwork.mail.deliverability.DkimKeys} (generate, list, activate or deactivate,
 * delete; the active keys of a domain, newest first). The {@code DkimSigner} implements the {@code outgoing} module's
 * {@link com.perfectwork.mail.outgoing.MailSigner}: {@code outgoing} calls it for every mail once its From is final,
 * without depending on this module. Publishes and consumes no events.
 */
package com.perfectwork.mail.deliverability;
