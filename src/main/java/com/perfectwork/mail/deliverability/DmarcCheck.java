package com.perfectwork.mail.deliverability;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * DMARC (RFC 7489 §6.1, §6.3): one record at {@code _dmarc.<domain>} starting with {@code v=DMARC1}, its tags
 * well-formed, its policy {@code p=} given; {@code p=none} only monitors, hence a warning.
 */
final class DmarcCheck {

    private static final Set<String> POLICIES = Set.of("none", "quarantine", "reject");

    private final DnsResolver dns;

    DmarcCheck(DnsResolver dns) {
        this.dns = dns;
    }

    DnsFinding check(String domain) {
        String name = "_dmarc." + domain;
        String fix = name + ". TXT \"v=DMARC1; p=quarantine; rua=mailto:postmaster@" + domain + "\"";
        DnsAnswer<String> answer = dns.txt(name);
        if (answer.failed()) {
            return DnsFinding.unchecked(answer.error());
        }
        List<String> records = answer.records().stream()
                .filter(txt -> txt.replace(" ", "").toLowerCase(Locale.ROOT).startsWith("v=dmarc1"))
                .toList();
        if (records.isEmpty()) {
            return new DnsFinding(DnsStatus.MISSING, null, name + " has no DMARC record", fix);
        }
        if (records.size() > 1) {
            return new DnsFinding(
                    DnsStatus.INVALID,
                    String.join(" | ", records),
                    name + " has " + records.size() + " DMARC records: receivers ignore them all (RFC 7489 §6.6.3)",
                    fix);
        }
        String record = records.get(0);
        String error = problem(record);
        if (error != null) {
            return new DnsFinding(DnsStatus.INVALID, record, error, fix);
        }
        String policy = tags(record).get("p").toLowerCase(Locale.ROOT);
        if (policy.equals("none")) {
            return new DnsFinding(
                    DnsStatus.WARNING,
                    record,
                    "p=none: receivers only report, mail failing DMARC is delivered as any other",
                    name + ". TXT \"" + record.replaceFirst("(?i)p\\s*=\\s*none", "p=quarantine") + "\"");
        }
        return DnsFinding.ok(record, "policy " + policy);
    }

    /** The first thing wrong with the record, or null. */
    private static String problem(String record) {
        Map<String, String> tags = tags(record);
        if (tags == null) {
            return "not a list of tag=value pairs separated by semicolons";
        }
        if (!"DMARC1".equals(tags.get("v"))) {
            return "the first tag must be v=DMARC1";
        }
        String policy = tags.get("p");
        if (policy == null) {
            return "no policy: p=none, p=quarantine or p=reject is required";
        }
        for (String tag : List.of("p", "sp")) {
            String value = tags.get(tag);
            if (value != null && !POLICIES.contains(value.toLowerCase(Locale.ROOT))) {
                return tag + "=" + value + " is not none, quarantine or reject";
            }
        }
        String pct = tags.get("pct");
        if (pct != null && !(pct.matches("\\d{1,3}") && Integer.parseInt(pct) <= 100)) {
            return "pct=" + pct + " is not a number from 0 to 100";
        }
        for (String tag : List.of("adkim", "aspf")) {
            String value = tags.get(tag);
            if (value != null && !value.equalsIgnoreCase("r") && !value.equalsIgnoreCase("s")) {
                return tag + "=" + value + " is not r or s";
            }
        }
        for (String tag : List.of("rua", "ruf")) {
            String value = tags.get(tag);
            if (value != null && !value.toLowerCase(Locale.ROOT).startsWith("mailto:")) {
                return tag + "=" + value + " must be mailto: addresses";
            }
        }
        return null;
    }

    /** The tags in order (the first one is the version); null when the record is not a tag list. */
    private static Map<String, String> tags(String record) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String part : record.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int equals = part.indexOf('=');
            if (equals <= 0) {
                return null;
            }
            String tag = part.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            if (!tag.matches("[a-z][a-z0-9_]*")) {
                return null;
            }
            tags.put(tag, part.substring(equals + 1).strip());
        }
        return tags;
    }
}
