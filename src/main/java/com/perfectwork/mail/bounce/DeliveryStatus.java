package com.perfectwork.mail.bounce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fields of a {@code message/delivery-status} part (RFC 3464): one block for the message, then one per
 * recipient. Read by hand rather than with Angus's {@code DeliveryStatus}, which needs well-formed blocks: real
 * reports omit the blank line between blocks, drop the {@code rfc822;} address type or wrap the address in angle
 * brackets, and those must be read all the same.
 */
record DeliveryStatus(Map<String, String> message, List<Recipient> recipients) {

    /** One recipient's fields; names lower-cased, values unfolded. */
    record Recipient(Map<String, String> fields) {

        String field(String name) {
            return fields.get(name);
        }

        /** Final-Recipient, else Original-Recipient, without its address type and angle brackets. */
        String address() {
            String value = fields.getOrDefault("final-recipient", fields.get("original-recipient"));
            return value == null ? null : bareAddress(value);
        }

        /** The action, lower-cased; a report without one is read as a failure unless its status says delivered. */
        String action() {
            String action = fields.get("action");
            if (action != null) {
                return action.strip().toLowerCase(Locale.ROOT).split("[\\s(]")[0];
            }
            String status = status();
            return status != null && status.startsWith("2") ? "delivered" : "failed";
        }

        /** The enhanced status code of the Status field, without its comment. */
        String status() {
            return BounceClassifier.statusIn(fields.get("status")).orElse(null);
        }

        /** The Diagnostic-Code, without its type ({@code smtp;}). */
        String diagnostic() {
            String value = fields.get("diagnostic-code");
            if (value == null) {
                return null;
            }
            int semicolon = value.indexOf(';');
            return (semicolon >= 0 && semicolon < 12 ? value.substring(semicolon + 1) : value).strip();
        }
    }

    static DeliveryStatus parse(String text) {
        Map<String, String> message = new LinkedHashMap<>();
        List<Recipient> recipients = new ArrayList<>();
        Map<String, String> current = null;
        String lastName = null;
        for (String line : text.replace("\r\n", "\n").split("\n", -1)) {
            if (line.isBlank()) {
                current = null;
                lastName = null;
                continue;
            }
            Map<String, String> block = current != null ? current : message;
            if ((line.startsWith(" ") || line.startsWith("\t")) && lastName != null) {
                block.merge(lastName, line.strip(), (a, b) -> a + " " + b);
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            boolean names = name.equals("final-recipient") || name.equals("original-recipient");
            // a recipient's block starts with the field that names it; without a blank line, a second one starts anew
            if (names && (current == null || current.containsKey(name))) {
                current = new LinkedHashMap<>();
                recipients.add(new Recipient(current));
            }
            (current != null ? current : message).putIfAbsent(name, value);
            lastName = name;
        }
        return new DeliveryStatus(message, recipients);
    }

    /** {@code rfc822; <Jo@Example.org>} → {@code Jo@Example.org}. */
    static String bareAddress(String value) {
        String address = value.strip();
        int semicolon = address.indexOf(';');
        if (semicolon >= 0) {
            address = address.substring(semicolon + 1).strip();
        }
        if (address.startsWith("<") && address.contains(">")) {
            address = address.substring(1, address.indexOf('>'));
        }
        return address.isEmpty() ? null : address;
    }
}
