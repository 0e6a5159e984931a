package com.perfectwork.mail.outgoing;

import java.util.List;

/**
 * Outcomes of mass mails, published in the transaction that writes them (one event per flush of the queue, per
 * bounce, per cancel or suppression, at most {@value BulkMail#OUTCOMES_PER_EVENT} outcomes each). A listener may
 * see an outcome again for a mail (a bounce after its {@code sent}); it should keep the latest.
 */
public record BulkMailsDelivered(List<BulkOutcome> outcomes) {}
