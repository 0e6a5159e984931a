package com.perfectwork.mail.blacklist;

/** What {@link Blacklist#add} did to the address's entry, and the entry as it now is. */
public record Blacklisting(BlacklistEntry entry, Change change) {

    public enum Change {
        /** The address had no entry: one was made. */
        CREATED,
        /** The address had an inactive entry: it is blacklisted again. */
        REACTIVATED,
        /** The address was blacklisted already: only its reason and notes changed. */
        ALREADY_ACTIVE
    }

    public boolean created() {
        return change == Change.CREATED;
    }
}
