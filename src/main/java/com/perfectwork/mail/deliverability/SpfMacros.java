package com.perfectwork.mail.deliverability;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The macro language of RFC 7208 §7 for domain-specs: {@code %{s}} sender, {@code %{l}} its local part, {@code %{o}}
 * its domain, {@code %{d}} the current domain, {@code %{i}} the address, {@code %{p}} (never validated here: always
 * "unknown", which §7.3 allows), {@code %{v}} "in-addr" or "ip6", {@code %{h}} the HELO name; each with an optional
 * count of right-hand parts, {@code r} to reverse and delimiters; {@code %%}, {@code %_}, {@code %-}. The letters
 * {@code c r t} belong to explanations only, which are not evaluated.
 */
record SpfMacros(String sender, String domain, InetAddress address, String helo) {

    private static final String LETTERS = "slodiphv";
    private static final String DELIMITERS = ".-+,/_=";

    /** Checks the macro syntax of a macro-string; a syntax error is permerror. */
    static void validate(String spec, String term) {
        expand(spec, term, null);
    }

    /** The domain-spec with its macros expanded, at most 253 characters (left-hand labels dropped, §7.3). */
    String expand(String spec) {
        String expanded = expand(spec, spec, this);
        while (expanded.length() > 253 && expanded.contains(".")) {
            expanded = expanded.substring(expanded.indexOf('.') + 1);
        }
        return expanded.endsWith(".") ? expanded.substring(0, expanded.length() - 1) : expanded;
    }

    private static String expand(String spec, String term, SpfMacros values) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < spec.length()) {
            char c = spec.charAt(i);
            if (c != '%') {
                if (c < 0x21 || c > 0x7e) {
                    throw SpfError.permanent("syntax error in '" + term + "': character not allowed");
                }
                out.append(c);
                i++;
                continue;
            }
            char next = i + 1 < spec.length() ? spec.charAt(i + 1) : 0;
            switch (next) {
                case '%' -> out.append('%');
                case '_' -> out.append(' ');
                case '-' -> out.append("%20");
                case '{' -> {
                    int close = spec.indexOf('}', i);
                    if (close < 0) {
                        throw SpfError.permanent("syntax error in '" + term + "': unclosed macro");
                    }
                    out.append(macro(spec.substring(i + 2, close), term, values));
                    i = close + 1;
                    continue;
                }
                default ->
                    throw SpfError.permanent("syntax error in '" + term + "': '%' must be followed by {, %, _ or -");
            }
            i += 2;
        }
        return out.toString();
    }

    private static String macro(String body, String term, SpfMacros values) {
        if (body.isEmpty() || LETTERS.indexOf(Character.toLowerCase(body.charAt(0))) < 0) {
            throw SpfError.permanent("syntax error in '" + term + "': unknown macro letter in %{" + body + "}");
        }
        int i = 1;
        while (i < body.length() && Character.isDigit(body.charAt(i))) {
            i++;
        }
        int keep = i > 1 ? Integer.parseInt(body.substring(1, i)) : 0;
        boolean reverse = i < body.length() && Character.toLowerCase(body.charAt(i)) == 'r';
        String delimiters = body.substring(reverse ? i + 1 : i);
        if (i > 1 && keep == 0 || !delimiters.chars().allMatch(ch -> DELIMITERS.indexOf(ch) >= 0)) {
            throw SpfError.permanent("syntax error in '" + term + "': bad transformer in %{" + body + "}");
        }
        if (values == null) {
            return "";
        }
        String value = values.value(Character.toLowerCase(body.charAt(0)));
        StringBuilder split = new StringBuilder("[");
        (delimiters.isEmpty() ? "." : delimiters)
                .chars()
                .forEach(ch -> split.append('\\').append((char) ch));
        List<String> parts =
                new ArrayList<>(Arrays.asList(value.split(split.append(']').toString(), -1)));
        if (reverse) {
            Collections.reverse(parts);
        }
        if (keep > 0 && keep < parts.size()) {
            parts = parts.subList(parts.size() - keep, parts.size());
        }
        return String.join(".", parts);
    }

    private String value(char letter) {
        int at = sender.lastIndexOf('@');
        return switch (letter) {
            case 's' -> sender;
            case 'l' -> at > 0 ? sender.substring(0, at) : "postmaster";
            case 'o' -> sender.substring(at + 1);
            case 'd' -> domain;
            case 'i' -> SpfAddresses.macroForm(address);
            case 'p' -> "unknown";
            case 'v' -> SpfAddresses.isIp4(address) ? "in-addr" : "ip6";
            case 'h' -> helo == null ? sender.substring(at + 1) : helo.toLowerCase(Locale.ROOT);
            default -> throw new IllegalStateException("validated letter " + letter);
        };
    }
}
