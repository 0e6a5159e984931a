package com.perfectwork.mail.deliverability;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A DMARC record (RFC 7489 §6.3), checked: {@code v=DMARC1} first, a policy {@code p=}, and the tags that have a
 * syntax well-formed. {@code subdomainPolicy} is {@code sp=}, the policy itself when absent (§6.3); {@code strictDkim}
 * and {@code strictSpf} are the alignment modes {@code adkim=s} and {@code aspf=s} (relaxed by default).
 */
record DmarcRecord(String text, String policy, String subdomainPolicy, boolean strictDkim, boolean strictSpf) {

    private static final Set<String> POLICIES = Set.of("none", "quarantine", "reject");

    /** The records a receiver keeps of a name's TXT records (§6.6.3): those starting with {@code v=DMARC1}. */
    static boolean isDmarc(String txt) {
        return txt.replace(" ", "").toLowerCase(Locale.ROOT).startsWith("v=dmarc1");
    }

    /** @throws IllegalArgumentException what is wrong with the record, in words for the administrator */
    static DmarcRecord parse(String text) {
        Map<String, String> tags;
        try {
            tags = TagList.parse(text, true);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "not a list of tag=value pairs separated by semicolons: " + e.getMessage());
        }
        if (tags.isEmpty() || !tags.keySet().iterator().next().equals("v") || !"DMARC1".equals(tags.get("v"))) {
            throw new IllegalArgumentException("the first tag must be v=DMARC1");
        }
        String policy = tags.get("p");
        if (policy == null) {
            throw new IllegalArgumentException("no policy: p=none, p=quarantine or p=reject is required");
        }
        for (String tag : List.of("p", "sp")) {
            String value = tags.get(tag);
            if (value != null && !POLICIES.contains(value.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(tag + "=" + value + " is not none, quarantine or reject");
            }
        }
        String pct = tags.get("pct");
        if (pct != null && !(pct.matches("\\d{1,3}") && Integer.parseInt(pct) <= 100)) {
            throw new IllegalArgumentException("pct=" + pct + " is not a number from 0 to 100");
        }
        for (String tag : List.of("adkim", "aspf")) {
            String value = tags.get(tag);
            if (value != null && !value.equalsIgnoreCase("r") && !value.equalsIgnoreCase("s")) {
                throw new IllegalArgumentException(tag + "=" + value + " is not r or s");
            }
        }
        for (String tag : List.of("rua", "ruf")) {
            String value = tags.get(tag);
            if (value != null && !value.toLowerCase(Locale.ROOT).startsWith("mailto:")) {
                throw new IllegalArgumentException(tag + "=" + value + " must be mailto: addresses");
            }
        }
        String lowerPolicy = policy.toLowerCase(Locale.ROOT);
        return new DmarcRecord(
                text,
                lowerPolicy,
                tags.containsKey("sp") ? tags.get("sp").toLowerCase(Locale.ROOT) : lowerPolicy,
                "s".equalsIgnoreCase(tags.get("adkim")),
                "s".equalsIgnoreCase(tags.get("aspf")));
    }
}
