package com.perfectwork.mail.core;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/** A DNS domain name, lower-cased; internationalized names are accepted and checked in their ASCII form. */
public final class DomainName {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9\\-]{0,61}[a-z0-9])?");

    private DomainName() {}

    /** The lower-cased domain, or {@link InvalidInputException} naming {@code field}. */
    public static String parse(String text, String field) {
        String lower = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        String ascii;
        try {
            ascii = IDN.toASCII(lower, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "'" + text + "' is not a domain name: " + e.getMessage());
        }
        boolean valid = !ascii.isEmpty() && ascii.length() <= 253;
        for (String label : ascii.split("\\.", -1)) {
            valid &= LABEL.matcher(label).matches();
        }
        if (!valid) {
            throw new InvalidInputException(field, "'" + text + "' is not a domain name, like mycompany.com");
        }
        return lower;
    }

    /** A host name for a server: a domain name or an IP address literal. */
    public static String parseHost(String text, String field) {
        String host = text == null ? "" : text.strip();
        if (host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || host.matches("\\[?[0-9a-fA-F:]+\\]?") && host.contains(":")) {
            return host;
        }
        return parse(host, field);
    }
}
