package com.perfectwork.mail.core;

import java.util.List;

/** The outcomes of one flush of the queue (or of one administrator's action, or one bounce), in the order recorded. */
public record MailOutcomes(List<MailOutcome> outcomes) {

    public MailOutcomes {
        outcomes = List.copyOf(outcomes);
    }
}
