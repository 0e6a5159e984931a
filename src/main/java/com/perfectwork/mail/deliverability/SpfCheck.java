package com.perfectwork.mail.deliverability;

import com.perfectwork.mail.deliverability.SpfRecord.Mechanism;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * SPF: the domain has one record, it parses, it does not authorise the whole Internet ({@code +all}), and check_host()
 * passes every public address of the outgoing servers that send for the domain. The fix adds the addresses that did
 * not pass before the record's {@code all}.
 */
final class SpfCheck {

    private final DnsResolver dns;
    private final SpfEvaluator evaluator;

    SpfCheck(DnsResolver dns, SpfEvaluator evaluator) {
        this.dns = dns;
        this.evaluator = evaluator;
    }

    DnsFinding check(String domain, List<SendingServer> servers) {
        DnsAnswer<String> answer = dns.txt(domain);
        if (answer.failed()) {
            return DnsFinding.unchecked(answer.error());
        }
        List<String> records =
                answer.records().stream().filter(SpfRecord::isSpf).toList();
        Set<String> addresses = publicAddresses(servers);
        if (records.isEmpty()) {
            return new DnsFinding(DnsStatus.MISSING, null, domain + " has no SPF record", fix(domain, null, addresses));
        }
        if (records.size() > 1) {
            return new DnsFinding(
                    DnsStatus.INVALID,
                    String.join(" | ", records),
                    domain + " has " + records.size() + " SPF records: receivers answer permerror (RFC 7208 §4.5)",
                    "one record merging them");
        }
        String text = records.get(0);
        SpfRecord record;
        try {
            record = SpfRecord.parse(text);
        } catch (IllegalArgumentException e) {
            return new DnsFinding(DnsStatus.INVALID, text, e.getMessage(), fix(domain, null, addresses));
        }
        if (record.all().filter(all -> all.qualifier() == '+').isPresent()) {
            return new DnsFinding(
                    DnsStatus.INVALID,
                    text,
                    "+all authorises every host on the Internet to send as " + domain,
                    fix(domain, text.replaceAll("(?i)(^| )\\+?all( |$)", "$1~all$2"), addresses));
        }
        return evaluate(domain, text, record, servers, addresses);
    }

    private DnsFinding evaluate(
            String domain, String text, SpfRecord record, List<SendingServer> servers, Set<String> addresses) {
        List<String> details = new ArrayList<>();
        Set<String> missing = new LinkedHashSet<>();
        DnsStatus status = DnsStatus.OK;
        for (SendingServer server : servers) {
            for (String address : server.addresses()) {
                if (!addresses.contains(address)) {
                    continue;
                }
                SpfResult result = evaluator.checkHost(SpfAddresses.literal(address), domain, "postmaster@" + domain);
                details.add(server.name() + " (" + address + "): "
                        + result.verdict().word() + ", " + result.detail());
                switch (result.verdict()) {
                    case PASS -> {}
                    case TEMPERROR -> status = status.worst(DnsStatus.WARNING);
                    case PERMERROR -> status = DnsStatus.INVALID;
                    default -> {
                        status = DnsStatus.INVALID;
                        missing.add(address);
                    }
                }
            }
            if (server.problem() != null) {
                details.add(server.name() + " (" + server.host() + "): not checked, " + server.problem());
                status = status.worst(DnsStatus.WARNING);
            }
        }
        if (servers.isEmpty()) {
            details.add("no outgoing server sends for " + domain + ": no address to check");
            status = status.worst(DnsStatus.WARNING);
        }
        if (status == DnsStatus.OK && record.directives().stream().anyMatch(d -> d.mechanism() == Mechanism.PTR)) {
            details.add("ptr is slow and unreliable: RFC 7208 §5.5 says not to use it");
            status = DnsStatus.WARNING;
        }
        String fix = status == DnsStatus.OK ? null : missing.isEmpty() ? null : fix(domain, text, missing);
        return new DnsFinding(status, text, String.join("; ", details), fix);
    }

    /** The record to publish: the given one (or a new one) with an ip4/ip6 mechanism per address before its all. */
    private static String fix(String domain, String record, Set<String> addresses) {
        List<String> terms = new ArrayList<>(
                List.of((record == null ? "v=spf1 ~all" : record).trim().split(" +")));
        int at = terms.size();
        for (int i = 1; i < terms.size(); i++) {
            String term = terms.get(i).toLowerCase(java.util.Locale.ROOT);
            if (term.matches("[-~?+]?all") || term.startsWith("redirect=")) {
                at = i;
                break;
            }
        }
        List<String> added = addresses.stream()
                .map(SpfAddresses::literal)
                .map(address -> (SpfAddresses.isIp4(address) ? "ip4:" : "ip6:") + address.getHostAddress())
                .filter(term -> !terms.contains(term))
                .toList();
        terms.addAll(at, added);
        return domain + ". TXT \"" + String.join(" ", terms) + "\"";
    }

    private static Set<String> publicAddresses(List<SendingServer> servers) {
        Set<String> addresses = new LinkedHashSet<>();
        for (SendingServer server : servers) {
            for (String text : server.addresses()) {
                InetAddress address = SpfAddresses.literal(text);
                if (address != null && SendingServers.isPublic(address)) {
                    addresses.add(text);
                }
            }
        }
        return addresses;
    }
}
