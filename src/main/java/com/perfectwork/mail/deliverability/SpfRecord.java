package com.perfectwork.mail.deliverability;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An SPF record parsed by the grammar of RFC 7208 §4.6.1, §5 and §6: its directives in order, and its
 * {@code redirect=} modifier. Unknown modifiers are kept out (§6: ignored); anything else the grammar does not allow
 * is a syntax error, which check_host() turns into permerror.
 */
public record SpfRecord(String text, List<Directive> directives, Optional<String> redirect) {

    public enum Mechanism {
        ALL,
        INCLUDE,
        A,
        MX,
        PTR,
        IP4,
        IP6,
        EXISTS
    }

    /**
     * One directive: its qualifier ({@code + - ~ ?}), mechanism, domain-spec (null: the current domain), prefix
     * lengths for a, mx, ip4 and ip6 (-1: none given) and, for ip4 and ip6, the network.
     */
    public record Directive(
            char qualifier, Mechanism mechanism, String domainSpec, int cidr4, int cidr6, String network) {

        /** As a record writes it, without the default qualifier and prefix lengths. */
        public String text() {
            StringBuilder text = new StringBuilder(qualifier == '+' ? "" : String.valueOf(qualifier));
            text.append(mechanism.name().toLowerCase(Locale.ROOT));
            if (network != null || domainSpec != null) {
                text.append(':').append(network != null ? network : domainSpec);
            }
            if (cidr4 >= 0 && cidr4 < 32) {
                text.append('/').append(cidr4);
            }
            if (cidr6 >= 0 && cidr6 < 128) {
                text.append(mechanism == Mechanism.IP6 ? "/" : "//").append(cidr6);
            }
            return text.toString();
        }
    }

    private static final Pattern MODIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9._-]*=.*");
    private static final Pattern IP4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    /** True when the TXT string is an SPF record of version 1 (§4.5): "v=spf1" alone or followed by a space. */
    public static boolean isSpf(String txt) {
        String lower = txt.toLowerCase(Locale.ROOT);
        return lower.equals("v=spf1") || lower.startsWith("v=spf1 ");
    }

    /**
     * @throws IllegalArgumentException with the reason, on a syntax error
     */
    public static SpfRecord parse(String text) {
        try {
            return read(text);
        } catch (SpfError e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    static SpfRecord read(String text) {
        if (!isSpf(text)) {
            throw SpfError.permanent("not an SPF record (it must start with v=spf1)");
        }
        List<Directive> directives = new ArrayList<>();
        String redirect = null;
        boolean explanation = false;
        for (String term : text.substring(6).trim().split(" +")) {
            if (term.isEmpty()) {
                continue;
            }
            if (MODIFIER.matcher(term).matches()) {
                String name = term.substring(0, term.indexOf('=')).toLowerCase(Locale.ROOT);
                String value = term.substring(term.indexOf('=') + 1);
                SpfMacros.validate(value, term);
                if (name.equals("redirect")) {
                    if (redirect != null) {
                        throw SpfError.permanent("redirect= appears twice");
                    }
                    redirect = domainSpec(value, term);
                } else if (name.equals("exp")) {
                    if (explanation) {
                        throw SpfError.permanent("exp= appears twice");
                    }
                    explanation = true;
                }
                continue;
            }
            directives.add(directive(term));
        }
        return new SpfRecord(text, List.copyOf(directives), Optional.ofNullable(redirect));
    }

    private static Directive directive(String term) {
        char qualifier = "+-~?".indexOf(term.charAt(0)) >= 0 ? term.charAt(0) : '+';
        String body = "+-~?".indexOf(term.charAt(0)) >= 0 ? term.substring(1) : term;
        int end = 0;
        while (end < body.length() && Character.isLetterOrDigit(body.charAt(end))) {
            end++;
        }
        String name = body.substring(0, end).toLowerCase(Locale.ROOT);
        String rest = body.substring(end);
        return switch (name) {
            case "all" -> {
                require(rest.isEmpty(), term, "all takes no argument");
                yield new Directive(qualifier, Mechanism.ALL, null, -1, -1, null);
            }
            case "include", "exists" -> {
                require(rest.startsWith(":"), term, name + " needs a domain");
                Mechanism mechanism = name.equals("include") ? Mechanism.INCLUDE : Mechanism.EXISTS;
                yield new Directive(qualifier, mechanism, domainSpec(rest.substring(1), term), -1, -1, null);
            }
            case "a", "mx" -> withCidr(qualifier, name.equals("a") ? Mechanism.A : Mechanism.MX, rest, term);
            case "ptr" -> {
                require(rest.isEmpty() || rest.startsWith(":"), term, "ptr takes an optional domain");
                String domain = rest.isEmpty() ? null : domainSpec(rest.substring(1), term);
                yield new Directive(qualifier, Mechanism.PTR, domain, -1, -1, null);
            }
            case "ip4", "ip6" -> network(qualifier, name, rest, term);
            default -> throw SpfError.permanent("unknown mechanism '" + term + "'");
        };
    }

    private static Directive withCidr(char qualifier, Mechanism mechanism, String rest, String term) {
        String domain = null;
        int slash = rest.indexOf('/');
        String cidr = slash < 0 ? "" : rest.substring(slash);
        String head = slash < 0 ? rest : rest.substring(0, slash);
        if (!head.isEmpty()) {
            require(head.startsWith(":"), term, "unexpected '" + head + "'");
            domain = domainSpec(head.substring(1), term);
        }
        int cidr4 = -1;
        int cidr6 = -1;
        if (!cidr.isEmpty()) {
            int dual = cidr.indexOf("//");
            if (dual != 0) {
                cidr4 = prefix(dual < 0 ? cidr.substring(1) : cidr.substring(1, dual), 32, term);
            }
            if (dual >= 0) {
                cidr6 = prefix(cidr.substring(dual + 2), 128, term);
            }
        }
        return new Directive(qualifier, mechanism, domain, cidr4, cidr6, null);
    }

    private static Directive network(char qualifier, String name, String rest, String term) {
        require(rest.startsWith(":"), term, name + " needs an address");
        String value = rest.substring(1);
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        boolean four = name.equals("ip4");
        int max = four ? 32 : 128;
        int length = slash < 0 ? max : prefix(value.substring(slash + 1), max, term);
        require(four ? IP4.matcher(address).matches() : SpfAddresses.isIp6Literal(address), term, "not an address");
        return new Directive(
                qualifier, four ? Mechanism.IP4 : Mechanism.IP6, null, four ? length : -1, four ? -1 : length, address);
    }

    private static int prefix(String digits, int max, String term) {
        require(digits.matches("0|[1-9]\\d{0,2}"), term, "bad prefix length '" + digits + "'");
        int length = Integer.parseInt(digits);
        require(length <= max, term, "prefix length over " + max);
        return length;
    }

    /**
     * RFC 7208's toplabel: letters, digits and hyphens with at least one letter. Checked by hand: the pattern that
     * says it ({@code [A-Za-z0-9-]*[A-Za-z][A-Za-z0-9-]*}) backtracks quadratically on a long label without a letter
     * at its end, and a record is anyone's text.
     */
    private static boolean isTopLabel(String label) {
        boolean letter = false;
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            boolean isLetter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
            if (!isLetter && !(c >= '0' && c <= '9') && c != '-') {
                return false;
            }
            letter |= isLetter;
        }
        return letter;
    }

    private static String domainSpec(String spec, String term) {
        SpfMacros.validate(spec, term);
        if (!spec.contains("%")) {
            String name = spec.endsWith(".") ? spec.substring(0, spec.length() - 1) : spec;
            int dot = name.lastIndexOf('.');
            require(dot > 0 && dot < name.length() - 1, term, "'" + spec + "' is not a domain");
            require(isTopLabel(name.substring(dot + 1)), term, "bad top label");
        }
        return spec;
    }

    private static void require(boolean condition, String term, String reason) {
        if (!condition) {
            throw SpfError.permanent("syntax error in '" + term + "': " + reason);
        }
    }

    /** The record's {@code all} directive, if any. */
    public Optional<Directive> all() {
        return directives.stream().filter(d -> d.mechanism() == Mechanism.ALL).findFirst();
    }
}
