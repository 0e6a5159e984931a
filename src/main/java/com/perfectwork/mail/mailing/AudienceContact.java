package com.perfectwork.mail.mailing;

import com.perfectwork.mail.core.EmailAddress;

/** A contact a mailing reaches (or leaves out): its address as given, normalized, and its name (or null). */
public record AudienceContact(long contactId, String name, String email, String emailNormalized) {

    /** {@code "Name <address>"}, or the bare address for a contact without a name, encoded where needed. */
    public String formatted() {
        return new EmailAddress(name, email).formatted();
    }
}
