package com.perfectwork.mail.deliverability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * DKIM: for each active key of the domain, the TXT record at {@code <selector>._domainkey.<domain>} is there and
 * publishes that key (its {@code p=} equal to the key's, RFC 6376 §3.6.1) of that type ({@code k=}). Without an
 * active key nothing is signed: missing.
 */
final class DkimCheck {

    private final DnsResolver dns;
    private final DkimKeys keys;

    DkimCheck(DnsResolver dns, DkimKeys keys) {
        this.dns = dns;
        this.keys = keys;
    }

    DnsFinding check(String domain) {
        List<DkimKey> active = keys.active(domain);
        if (active.isEmpty()) {
            return new DnsFinding(
                    DnsStatus.MISSING,
                    null,
                    "no active DKIM key for " + domain + ": its mail is not signed",
                    "generate a DKIM key for " + domain + " (Settings ‣ Discuss ‣ DKIM Keys) and publish its record");
        }
        DnsStatus status = DnsStatus.OK;
        List<String> records = new ArrayList<>();
        List<String> details = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        for (DkimKey key : active) {
            DnsFinding finding = check(key);
            status = status.worst(finding.status());
            if (finding.record() != null) {
                records.add(key.dnsName() + ": " + finding.record());
            }
            details.add(key.selector() + ": " + finding.detail());
            if (finding.fix() != null) {
                fixes.add(finding.fix());
            }
        }
        return new DnsFinding(
                status,
                records.isEmpty() ? null : String.join("\n", records),
                String.join("; ", details),
                fixes.isEmpty() ? null : String.join("\n", fixes));
    }

    private DnsFinding check(DkimKey key) {
        String fix = key.dnsName() + ". TXT \"" + key.dnsValue() + "\"";
        DnsAnswer<String> answer = dns.txt(key.dnsName());
        if (answer.failed()) {
            return DnsFinding.unchecked(answer.error());
        }
        List<String> records = answer.records().stream()
                .filter(txt -> tags(txt).containsKey("p"))
                .toList();
        if (records.isEmpty()) {
            return new DnsFinding(DnsStatus.MISSING, null, "no DKIM record at " + key.dnsName(), fix);
        }
        String record = records.get(0);
        Map<String, String> tags = tags(record);
        String published = tags.get("p");
        String expectedType = DkimKey.ED25519_SHA256.equals(key.algorithm()) ? "ed25519" : "rsa";
        if (published.isEmpty()) {
            return new DnsFinding(DnsStatus.INVALID, record, "the record revokes the key (empty p=)", fix);
        }
        if (!tags.getOrDefault("k", "rsa").equalsIgnoreCase(expectedType)) {
            return new DnsFinding(
                    DnsStatus.INVALID, record, "k=" + tags.get("k") + " but the key is " + expectedType, fix);
        }
        if (!published.equals(compact(key.publicKey()))) {
            return new DnsFinding(
                    DnsStatus.INVALID, record, "the record publishes another key than this selector's", fix);
        }
        return DnsFinding.ok(record, "publishes the " + expectedType + " key");
    }

    /** The tags of a DKIM key record (RFC 6376 §3.2), values without white space. */
    private static Map<String, String> tags(String record) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String part : record.split(";")) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                tags.put(
                        part.substring(0, equals).strip().toLowerCase(Locale.ROOT),
                        compact(part.substring(equals + 1)));
            }
        }
        return tags;
    }

    private static String compact(String value) {
        return value.replaceAll("[\\s\"]", "");
    }
}
