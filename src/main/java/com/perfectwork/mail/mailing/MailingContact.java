package com.perfectwork.mail.mailing;

import java.time.Instant;
import java.util.List;

/**
 * A contact of Email Marketing: {@code email} as it was given (its address part), {@code emailNormalized} the form
 * every look-up compares and at most one contact has; {@code name} may be null. {@code listIds} are the lists it is on,
 * {@code optedOutListIds} those of them it opted out of, both by id.
 */
public record MailingContact(
        long id,
        String name,
        String email,
        String emailNormalized,
        int bounceCount,
        Instant createdAt,
        List<Long> listIds,
        List<Long> optedOutListIds) {

    public MailingContact {
        listIds = List.copyOf(listIds);
        optedOutListIds = List.copyOf(optedOutListIds);
    }

    MailingContact with(List<Long> listIds, List<Long> optedOutListIds) {
        return new MailingContact(id, name, email, emailNormalized, bounceCount, createdAt, listIds, optedOutListIds);
    }

    /** Whether it is on this list and did not opt out of it. */
    public boolean subscribedTo(long listId) {
        return listIds.contains(listId) && !optedOutListIds.contains(listId);
    }
}
