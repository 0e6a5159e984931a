package com.perfectwork.mail.mailing;

import java.util.List;

/**
 * What the unsubscribe page shows a recipient: their address, the mailing's subject, and either the mailing's lists
 * with whether they opted out of each, or, for a mailing to followers, whether they are on the blacklist.
 */
public record Unsubscription(
        String token, String email, String subject, boolean toFollowers, List<ListChoice> lists, boolean unsubscribed) {

    public record ListChoice(long id, String name, boolean optedOut) {}
}
