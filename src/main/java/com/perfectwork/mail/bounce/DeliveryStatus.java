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

    /** The longest field value kept: a Diagnostic-Code folded over a few lines is far shorter. */
    private static final int MAX_VALUE = 4000;
    /** The per-recipient fields of RFC 3464 (section 2.3) that may come before the one naming the recipient. */
    private static final java.util.Set<String> RECIPIENT_FIELDS = java.util.Set.of(
            "action",
            "status",
            "remote-mta",
            "diagnostic-code",
            "last-attempt-date",
            "final-log-id",
            "will-retry-until",
            "x-actual-recipient");

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
            return StatusCodes.first(fields.get("status")).orElse(null);
        }

        /** The type of the Diagnostic-Code ({@code smtp}, {@code x-unix}…), lower-cased, or null. */
        String diagnosticType() {
            String value = fields.get("diagnostic-code");
            int semicolon = value == null ? -1 : value.indexOf(';');
            return semicolon > 0 && semicolon < 12
                    ? value.substring(0, semicolon).strip().toLowerCase(Locale.ROOT)
                    : null;
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

    /** Reads the fields; a value folded over many lines is kept up to {@link #MAX_VALUE} characters. */
    static DeliveryStatus parse(String text) {
        Map<String, StringBuilder> message = new LinkedHashMap<>();
        List<Map<String, StringBuilder>> recipients = new ArrayList<>();
        Map<String, StringBuilder> current = null;
        StringBuilder last = null;
        // the per-message fields read since the last blank line
        List<String> blockFields = new ArrayList<>();
        for (String line : text.replace("\r\n", "\n").split("\n", -1)) {
            if (line.isBlank()) {
                current = null;
                last = null;
                blockFields.clear();
                continue;
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && last != null) {
                // appended in place: folded lines by the thousand cost their length, not its square
                if (last.length() < MAX_VALUE) {
                    last.append(' ').append(line.strip());
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            boolean names = name.equals("final-recipient") || name.equals("original-recipient");
            // a recipient's block starts with the field that names it; without a blank line, a second one starts anew
            if (names && (current == null || current.containsKey(name))) {
                Map<String, StringBuilder> started = new LinkedHashMap<>();
                if (current == null) {
                    // its fields written before the one that names it (Status, Action first) belong to it
                    for (String field : blockFields) {
                        if (RECIPIENT_FIELDS.contains(field) && message.containsKey(field)) {
                            started.put(field, message.remove(field));
                        }
                    }
                }
                current = started;
                recipients.add(current);
            }
            Map<String, StringBuilder> block = current != null ? current : message;
            if (block == message) {
                blockFields.add(name);
            }
            // a repeated field keeps its first value, which its folded lines continue
            block.putIfAbsent(name, new StringBuilder(line.substring(colon + 1).strip()));
            last = block.get(name);
        }
        return new DeliveryStatus(
                values(message),
                recipients.stream().map(r -> new Recipient(values(r))).toList());
    }

    private static Map<String, String> values(Map<String, StringBuilder> fields) {
        Map<String, String> values = new LinkedHashMap<>();
        fields.forEach((name, value) ->
                values.put(name, value.length() <= MAX_VALUE ? value.toString() : value.substring(0, MAX_VALUE)));
        return values;
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
