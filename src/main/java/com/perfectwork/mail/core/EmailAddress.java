package com.perfectwork.mail.core;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;
import java.util.Locale;
import java.util.Optional;

/**
 * An email address as it was given ({@code "Mary <Mary@Customer.Example.com>"}) together with its
 * normalized form ({@code mary@customer.example.com}), the one every look-up compares.
 *
 * <p>Normalizing keeps the address part only, lower-cases the domain and the ASCII letters of the
 * local part. Non-ASCII letters of an internationalized local part (RFC 6531) are kept as they are:
 * their case folding is the receiving server's business.
 */
public record EmailAddress(String displayName, String address) {

    private static final int MAX_LENGTH = 320;

    public EmailAddress {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("address is required");
        }
        displayName = displayName == null || displayName.isBlank() ? null : displayName.strip();
    }

    /**
     * Parses one address, bare ({@code a@b.com}) or with a display name ({@code "A B" <a@b.com>}),
     * strictly per RFC 5322 as Jakarta Mail reads it.
     *
     * @throws InvalidInputException naming {@code field} when the text is not exactly one valid address
     */
    public static EmailAddress parse(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(field, "an email address is required");
        }
        if (text.length() > MAX_LENGTH + 200) {
            throw new InvalidInputException(field, "is too long to be an email address");
        }
        try {
            InternetAddress[] parsed = InternetAddress.parseHeader(text.strip(), true);
            if (parsed.length != 1) {
                throw new InvalidInputException(field, "must hold exactly one email address, got " + parsed.length);
            }
            InternetAddress one = parsed[0];
            one.validate();
            String address = one.getAddress();
            if (address.length() > MAX_LENGTH || address.indexOf('@') <= 0 || !hasDottedOrLocalDomain(address)) {
                throw new InvalidInputException(field, "'" + text.strip() + "' is not a valid email address");
            }
            return new EmailAddress(one.getPersonal(), address);
        } catch (AddressException e) {
            throw new InvalidInputException(
                    field, "'" + text.strip() + "' is not a valid email address: " + e.getMessage());
        }
    }

    /** Parses leniently for look-ups: empty when the text is not a valid address. */
    public static Optional<EmailAddress> tryParse(String text) {
        try {
            return Optional.of(parse(text, "email"));
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
    }

    private static boolean hasDottedOrLocalDomain(String address) {
        String domain = address.substring(address.lastIndexOf('@') + 1);
        return !domain.isEmpty() && !domain.startsWith(".") && !domain.endsWith(".") && !domain.contains("..");
    }

    public String localPart() {
        return address.substring(0, address.lastIndexOf('@'));
    }

    public String domain() {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    /** Address part only, domain lower-cased, ASCII letters of the local part lower-cased. */
    public String normalized() {
        return lowerAscii(localPart()) + "@" + domain();
    }

    /** The address as an RFC 5322 mailbox, display name quoted and encoded where needed. */
    public String formatted() {
        if (displayName == null) {
            return address;
        }
        try {
            return new InternetAddress(address, displayName, "UTF-8").toUnicodeString();
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }

    private static String lowerAscii(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return formatted();
    }
}
