package com.perfectwork.mail.discussion;

/**
 * Someone reading or writing in the chatter, whichever way they came in (the pages, the REST API): their contact,
 * and whether they administer the server.
 */
public record Viewer(long partnerId, boolean admin) {

    /** The follower filter of a list: none for an administrator, who sees everything. */
    public Long followerFilter() {
        return admin ? null : partnerId;
    }
}
