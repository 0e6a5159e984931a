package com.perfectwork.mail.deliverability;

import java.util.List;
import java.util.stream.Collectors;

/**
 * MX: the domain receives mail (replies, bounces and the catchall come back through it), and each host it names has
 * an address. A null MX (RFC 7505) says the domain receives none.
 */
final class MxCheck {

    private final DnsResolver dns;

    MxCheck(DnsResolver dns) {
        this.dns = dns;
    }

    DnsFinding check(String domain) {
        DnsAnswer<MxHost> answer = dns.mx(domain);
        if (answer.failed()) {
            return DnsFinding.unchecked(answer.error());
        }
        String fix = domain + ". MX 10 <the host that receives your mail>.";
        if (answer.isVoid()) {
            return new DnsFinding(
                    DnsStatus.MISSING, null, domain + " has no MX record: replies and bounces cannot reach it", fix);
        }
        List<MxHost> hosts = answer.records();
        String record = hosts.stream().map(MxHost::toString).collect(Collectors.joining(", "));
        if (hosts.stream().anyMatch(MxHost::isNull)) {
            return new DnsFinding(
                    DnsStatus.INVALID, record, "null MX (RFC 7505): the domain says it receives no mail", fix);
        }
        List<String> unresolved = hosts.stream()
                .map(MxHost::host)
                .filter(host -> dns.a(host).isVoid() && dns.aaaa(host).isVoid())
                .toList();
        if (!unresolved.isEmpty()) {
            return new DnsFinding(
                    DnsStatus.WARNING,
                    record,
                    "MX host without address: " + String.join(", ", unresolved),
                    "an A or AAAA record for " + String.join(", ", unresolved));
        }
        return DnsFinding.ok(record, hosts.size() == 1 ? "1 mail host" : hosts.size() + " mail hosts");
    }
}
