package com.perfectwork.mail.bounce;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The enhanced status codes (RFC 3463) of a report, and the most precise of them. A {@code Status} field often says
 * less than the server's own reply quoted in the diagnostic: Exim and Sendmail write a generic {@code 5.0.0} for a
 * {@code 550 5.7.1} refusal, and {@code 4.4.7} ("delivery time expired") hides the {@code 4.7.1} the server answered
 * each time. The code the server gave is kept; a field that says more than the reply stays.
 */
final class StatusCodes {

    /**
     * A code standing on its own: not within a longer number or a dotted one (an IP address, a version). RE2 has no
     * look-around, so the characters around the code are part of the match and the code is its first group.
     */
    private static final Pattern CODE =
            Pattern.compile("(?:^|[^\\d.vV])([245]\\.[0-7]\\.\\d{1,3})(?:$|[^\\d.]|\\.$|\\.[^\\d])");
    /** Codes read from one text at most: a report quotes a handful. */
    private static final int MAX_CODES = 20;

    private StatusCodes() {}

    /** The codes of a text in their order, at most {@link #MAX_CODES}. */
    static List<String> in(String text) {
        List<String> codes = new ArrayList<>();
        if (text == null) {
            return codes;
        }
        Matcher matcher = CODE.matcher(text);
        int from = 0;
        while (codes.size() < MAX_CODES && from < text.length() && matcher.find(from)) {
            codes.add(matcher.group(1));
            // the character after a code may begin the next one's match ("5.1.1,5.2.2")
            from = matcher.end(1);
        }
        return codes;
    }

    /** The first code of a text, if any. */
    static Optional<String> first(String text) {
        List<String> codes = in(text);
        return codes.isEmpty() ? Optional.empty() : Optional.of(codes.get(0));
    }

    /**
     * The most precise code of a failure: the {@code Status} field's, unless the diagnostic's says more.
     *
     * @param field the code of the Status field, or null
     * @param diagnostic the server's words, or null
     * @return a code, or null when neither has one
     */
    static String precise(String field, String diagnostic) {
        String told = told(in(diagnostic));
        if (field == null) {
            return told;
        }
        if (told == null || told.equals(field)) {
            return field;
        }
        if (field.charAt(0) != told.charAt(0)) {
            // the field says whether the delivery failed for good; a reply of the other class is an earlier one
            return field;
        }
        if (generic(field)) {
            return generic(told) ? field : told;
        }
        if (generic(told) || told.endsWith(".0") || (field.equals("5.1.1") && told.startsWith("5.5."))) {
            return field;
        }
        return vague(field) ? told : field;
    }

    /** The code a server's reply tells: its first with a detail, else its first specific one, else its first. */
    private static String told(List<String> codes) {
        return codes.stream()
                .filter(c -> !generic(c) && !c.endsWith(".0"))
                .findFirst()
                .or(() -> codes.stream().filter(c -> !generic(c)).findFirst())
                .orElse(codes.isEmpty() ? null : codes.get(0));
    }

    /** {@code x.0.0}, and {@code 4.4.7} which only says that the retries ended. */
    private static boolean generic(String code) {
        return code.endsWith(".0.0") || code.equals("4.4.7");
    }

    /** A field code a server's own code is more precise than (RFC 3463: a zero detail is "other or undefined"). */
    private static boolean vague(String code) {
        String[] parts = code.split("\\.");
        String subject = parts[1];
        return parts[2].equals("0")
                // 5.1.1 is what a server that knows no better says of any refused recipient
                || code.equals("5.1.1")
                || subject.equals("3")
                || subject.equals("5");
    }
}
