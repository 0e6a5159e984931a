package com.perfectwork.mail.deliverability;

import com.google.common.net.InternetDomainName;
import java.util.Locale;

/**
 * The organizational domain of a name (RFC 7489 §3.2): the registered domain under its public suffix, from the
 * Public Suffix List Guava carries ({@code mail.example.co.uk} → {@code example.co.uk}). A name under no suffix of the
 * list (a private top-level domain) follows the list's default rule, where the top label is the suffix.
 */
final class OrganizationalDomain {

    private OrganizationalDomain() {}

    static String of(String domain) {
        String name = domain.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        InternetDomainName parsed;
        try {
            parsed = InternetDomainName.from(name);
        } catch (IllegalArgumentException e) {
            return name;
        }
        if (parsed.isUnderPublicSuffix()) {
            return parsed.topPrivateDomain().toString();
        }
        if (parsed.hasPublicSuffix()) {
            // the name is a public suffix itself
            return name;
        }
        int last = name.lastIndexOf('.');
        int before = last < 0 ? -1 : name.lastIndexOf('.', last - 1);
        return name.substring(before + 1);
    }

    /**
     * Whether an authenticated domain is aligned with the From domain (RFC 7489 §3.1): the same name in strict mode,
     * the same organizational domain in relaxed mode.
     */
    static boolean aligned(String authenticated, String from, boolean strict) {
        if (authenticated == null) {
            return false;
        }
        return strict ? authenticated.equalsIgnoreCase(from) : of(authenticated).equals(of(from));
    }
}
