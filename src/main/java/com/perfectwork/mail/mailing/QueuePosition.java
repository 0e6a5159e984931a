package com.perfectwork.mail.mailing;

/**
 * Where the queueing of a mailing has got to: the last recipient of its last committed page. Recipients from lists
 * come in contact id order, the subscribed ones then the opted-out ones; followers record by record in id order, and
 * within a record by partner id. So the recipients still to queue are exactly those after the position.
 */
record QueuePosition(Phase phase, long afterId, long afterPartnerId) {

    enum Phase {
        SUBSCRIBED,
        OPTED_OUT,
        FOLLOWERS
    }

    /** Before the first recipient. */
    static final QueuePosition START = new QueuePosition(null, 0, 0);

    static QueuePosition contact(Phase phase, long contactId) {
        return new QueuePosition(phase, contactId, 0);
    }

    static QueuePosition follower(long recordId, long partnerId) {
        return new QueuePosition(Phase.FOLLOWERS, recordId, partnerId);
    }

    /** The contact id after which this phase goes on: 0 when the walk is not in it yet. */
    long afterContact(Phase of) {
        return phase == of ? afterId : 0;
    }

    /** The partner id after which this record's followers go on: 0 when the walk is not in it yet. */
    long afterPartner(long recordId) {
        return phase == Phase.FOLLOWERS && afterId == recordId ? afterPartnerId : 0;
    }
}
