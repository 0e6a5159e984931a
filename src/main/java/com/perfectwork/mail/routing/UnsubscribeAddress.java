package com.perfectwork.mail.routing;

import com.perfectwork.mail.core.EmailAddress;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code mailto:} way of a mass mail's {@code List-Unsubscribe} header: {@code unsubscribe+<token>@<alias domain>},
 * one address per recipient, whose token Email Marketing signed. A mail client that offers "unsubscribe" sends an
 * empty mail there; routing recognises it before any alias.
 */
public final class UnsubscribeAddress {

    private static final String PREFIX = "unsubscribe+";

    private UnsubscribeAddress() {}

    /** The address for a recipient's token at the alias domain. */
    public static String of(String token, String domain) {
        return PREFIX + token + "@" + domain;
    }

    /** The token of an unsubscribe address at the alias domain, if the recipient is one. */
    static Optional<String> token(EmailAddress recipient, String domain) {
        String local = recipient.localPart();
        if (!recipient.domain().equalsIgnoreCase(domain)
                || !local.toLowerCase(Locale.ROOT).startsWith(PREFIX)
                || local.length() == PREFIX.length()) {
            return Optional.empty();
        }
        return Optional.of(local.substring(PREFIX.length()));
    }
}
