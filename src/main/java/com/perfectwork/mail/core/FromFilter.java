package com.perfectwork.mail.core;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A server's FROM Filtering: empty (matches every sender) or a comma-separated list of domains and full
 * addresses. A sender matches an entry that is its whole normalized address or exactly its domain:
 * {@code mmail.example.com} does not match {@code mail.example.com}, and a display name never counts.
 */
public record FromFilter(List<String> entries) {

    public static final FromFilter EMPTY = new FromFilter(List.of());

    public FromFilter {
        entries = List.copyOf(entries);
    }

    /**
     * Checks a filter typed by an administrator: every entry must be a domain or an address.
     *
     * @return the filter, entries canonical (lower-cased, normalized)
     * @throws InvalidInputException naming {@code field}
     */
    public static FromFilter parse(String text, String field) {
        if (text == null || text.isBlank()) {
            return EMPTY;
        }
        List<String> entries = new java.util.ArrayList<>();
        for (String entry : text.split(",", -1)) {
            String item = entry.strip();
            if (item.isEmpty()) {
                throw new InvalidInputException(field, "has an empty entry between commas");
            }
            entries.add(
                    item.contains("@") ? EmailAddress.parse(item, field).normalized() : DomainName.parse(item, field));
        }
        return new FromFilter(entries);
    }

    /** Reads a stored filter leniently; blank or null is the empty filter. Entries are compared lower-cased. */
    public static FromFilter of(String text) {
        if (text == null || text.isBlank()) {
            return EMPTY;
        }
        return new FromFilter(Arrays.stream(text.split(","))
                .map(String::strip)
                .filter(entry -> !entry.isEmpty())
                .map(FromFilter::canonical)
                .toList());
    }

    private static String canonical(String entry) {
        return entry.contains("@")
                ? EmailAddress.tryParse(entry).map(EmailAddress::normalized).orElse(entry.toLowerCase(Locale.ROOT))
                : entry.toLowerCase(Locale.ROOT);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The filter holds this sender's whole address. */
    public boolean holdsAddress(EmailAddress sender) {
        return entries.contains(sender.normalized());
    }

    /** The filter holds this sender's domain as an entry of its own. */
    public boolean holdsDomain(EmailAddress sender) {
        return entries.contains(sender.domain());
    }

    /** Empty, or holds the sender's address or domain. */
    public boolean accepts(EmailAddress sender) {
        return isEmpty() || holdsAddress(sender) || holdsDomain(sender);
    }

    /** A sender this filter accepts for a connection test: its first full address, else noreply@ its first domain. */
    public java.util.Optional<String> sampleSender() {
        return entries.stream()
                .filter(entry -> entry.contains("@"))
                .findFirst()
                .or(() -> entries.stream().findFirst().map(domain -> "noreply@" + domain));
    }

    @Override
    public String toString() {
        return String.join(",", entries);
    }
}
