package com.perfectwork.mail.deliverability;

import java.util.List;

/**
 * DMARC (RFC 7489 §6.1, §6.3): one record at {@code _dmarc.<domain>} starting with {@code v=DMARC1}, its tags
 * well-formed, its policy {@code p=} given; {@code p=none} only monitors, hence a warning.
 */
final class DmarcCheck {

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
        List<String> records =
                answer.records().stream().filter(DmarcRecord::isDmarc).toList();
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
        DmarcRecord parsed;
        try {
            parsed = DmarcRecord.parse(record);
        } catch (IllegalArgumentException e) {
            return new DnsFinding(DnsStatus.INVALID, record, e.getMessage(), fix);
        }
        if (parsed.policy().equals("none")) {
            return new DnsFinding(
                    DnsStatus.WARNING,
                    record,
                    "p=none: receivers only report, mail failing DMARC is delivered as any other",
                    name + ". TXT \"" + record.replaceFirst("(?i)p\\s*=\\s*none", "p=quarantine") + "\"");
        }
        return DnsFinding.ok(record, "policy " + parsed.policy());
    }
}
