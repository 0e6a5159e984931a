package com.perfectwork.mail.outgoing;

import com.perfectwork.mail.core.EmailAddress;

/**
 * "Encapsulates" a sender in the notifications address, as the documentation's example shows:
 * {@code "Admin" <admin@example.com>} becomes {@code "Admin" <notifications@mycompany.com>}. A sender
 * without display name lends its local part as the name, so that recipients still see who wrote.
 */
public final class FromRewriter {

    private FromRewriter() {}

    public static EmailAddress rewrite(EmailAddress sender, EmailAddress notifications) {
        String name = sender.displayName() != null ? sender.displayName() : sender.localPart();
        return new EmailAddress(name, notifications.address());
    }
}
