package com.perfectwork.mail.deliverability;

import com.perfectwork.mail.deliverability.SpfRecord.Directive;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * RFC 7208's check_host(): is {@code address} allowed to send mail for {@code domain}? Evaluates the domain's record
 * through its includes and redirects, with the limits of §4.6.4 (10 look-ups of include, a, mx, ptr, exists and
 * redirect; 10 names per mx and ptr; 2 void look-ups) and an include or redirect loop ending as permerror. The DNS
 * questions go to the {@link DnsResolver}; a question it could not answer is temperror. {@code exp=} is not
 * evaluated (the explanation is for the rejected sender, and this evaluator rejects no one).
 */
@Component
public class SpfEvaluator {

    static final int LOOKUP_LIMIT = 10;
    static final int VOID_LIMIT = 2;

    private final DnsResolver dns;

    public SpfEvaluator(DnsResolver dns) {
        this.dns = dns;
    }

    /**
     * @param sender the MAIL FROM address, or {@code postmaster@<helo>} when it is empty (§4.3)
     */
    public SpfResult checkHost(InetAddress address, String domain, String sender) {
        return checkHost(address, domain, sender, dns);
    }

    /** As above, asking {@code dns} (a resolver whose questions end by a deadline). */
    SpfResult checkHost(InetAddress address, String domain, String sender, DnsResolver dns) {
        Evaluation evaluation = new Evaluation(address, sender, dns);
        String name = domain.toLowerCase(Locale.ROOT);
        try {
            Matched result = evaluation.evaluate(name);
            return new SpfResult(result.verdict(), result.detail(), evaluation.topRecord, evaluation.lookups);
        } catch (SpfError e) {
            return new SpfResult(e.verdict(), e.getMessage(), evaluation.topRecord, evaluation.lookups);
        }
    }

    private record Matched(SpfVerdict verdict, String detail) {}

    private static final class Evaluation {
        private final DnsResolver dns;
        private final InetAddress address;
        private final String sender;
        private final Deque<String> chain = new ArrayDeque<>();
        private int lookups;
        private int voids;
        private String topRecord;

        Evaluation(InetAddress address, String sender, DnsResolver dns) {
            this.dns = dns;
            this.address = address;
            this.sender = sender;
        }

        Matched evaluate(String domain) {
            DnsAnswer<String> txt = dns.txt(domain);
            if (txt.failed()) {
                throw SpfError.temporary(txt.error());
            }
            List<String> spf = txt.records().stream().filter(SpfRecord::isSpf).toList();
            if (spf.isEmpty()) {
                return new Matched(SpfVerdict.NONE, domain + " has no SPF record");
            }
            if (spf.size() > 1) {
                throw SpfError.permanent(domain + " has " + spf.size() + " SPF records (§4.5: one at most)");
            }
            if (chain.isEmpty()) {
                topRecord = spf.get(0);
            }
            chain.push(domain);
            try {
                return evaluate(domain, SpfRecord.read(spf.get(0)));
            } finally {
                chain.pop();
            }
        }

        private Matched evaluate(String domain, SpfRecord record) {
            SpfMacros macros = new SpfMacros(sender, domain, address, null);
            for (Directive directive : record.directives()) {
                if (matches(directive, domain, macros)) {
                    return new Matched(
                            SpfVerdict.of(directive.qualifier()), "matched " + directive.text() + " in " + domain);
                }
            }
            if (record.redirect().isPresent()) {
                String target = target(macros.expand(record.redirect().get()), "redirect");
                Matched result = evaluate(target);
                if (result.verdict() == SpfVerdict.NONE) {
                    throw SpfError.permanent("redirect=" + target + ": " + result.detail());
                }
                return result;
            }
            return new Matched(SpfVerdict.NEUTRAL, "no mechanism of " + domain + " matched");
        }

        private boolean matches(Directive directive, String domain, SpfMacros macros) {
            String target = directive.domainSpec() == null ? domain : macros.expand(directive.domainSpec());
            return switch (directive.mechanism()) {
                case ALL -> true;
                case IP4, IP6 ->
                    SpfAddresses.within(
                            address,
                            SpfAddresses.literal(directive.network()),
                            SpfAddresses.isIp4(address) ? directive.cidr4() : directive.cidr6());
                case INCLUDE -> included(target(target, "include"));
                case A -> counted() && inAddresses(answered(addresses(target)), directive);
                case MX -> counted() && inMx(target, directive);
                case PTR -> counted() && inPtr(target);
                case EXISTS -> counted() && !answered(dns.a(target)).isEmpty();
            };
        }

        private String target(String name, String how) {
            lookup();
            if (chain.contains(name)) {
                throw SpfError.permanent(how + " loop: " + path() + " → " + name);
            }
            return name;
        }

        /** The domains being evaluated, the first one first. */
        private String path() {
            List<String> path = new java.util.ArrayList<>(chain);
            java.util.Collections.reverse(path);
            return String.join(" → ", path);
        }

        private boolean included(String target) {
            Matched result = evaluate(target);
            return switch (result.verdict()) {
                case PASS -> true;
                case FAIL, SOFTFAIL, NEUTRAL -> false;
                case TEMPERROR -> throw SpfError.temporary(result.detail());
                case NONE -> throw SpfError.permanent("include:" + target + ": " + result.detail());
                case PERMERROR -> throw SpfError.permanent(result.detail());
            };
        }

        private boolean counted() {
            lookup();
            return true;
        }

        private void lookup() {
            if (++lookups > LOOKUP_LIMIT) {
                throw SpfError.permanent("more than " + LOOKUP_LIMIT + " DNS look-ups (RFC 7208 §4.6.4)");
            }
        }

        private <T> List<T> answered(DnsAnswer<T> answer) {
            if (answer.failed()) {
                throw SpfError.temporary(answer.error());
            }
            if (answer.isVoid() && ++voids > VOID_LIMIT) {
                throw SpfError.permanent("more than " + VOID_LIMIT + " void DNS look-ups (RFC 7208 §4.6.4)");
            }
            return answer.records();
        }

        private DnsAnswer<InetAddress> addresses(String name) {
            return SpfAddresses.isIp4(address) ? dns.a(name) : dns.aaaa(name);
        }

        private boolean inAddresses(List<InetAddress> candidates, Directive directive) {
            int prefix = SpfAddresses.isIp4(address)
                    ? (directive.cidr4() < 0 ? 32 : directive.cidr4())
                    : (directive.cidr6() < 0 ? 128 : directive.cidr6());
            return candidates.stream().anyMatch(candidate -> SpfAddresses.within(address, candidate, prefix));
        }

        private boolean inMx(String target, Directive directive) {
            List<MxHost> hosts = answered(dns.mx(target));
            if (hosts.size() > LOOKUP_LIMIT) {
                throw SpfError.permanent("mx:" + target + " has more than " + LOOKUP_LIMIT + " MX records (§4.6.4)");
            }
            for (MxHost host : hosts) {
                if (host.isNull()) {
                    continue;
                }
                DnsAnswer<InetAddress> found = addresses(host.host());
                if (found.failed()) {
                    throw SpfError.temporary(found.error());
                }
                if (inAddresses(found.records(), directive)) {
                    return true;
                }
            }
            return false;
        }

        /** §5.5: the address's names that resolve back to it, under the target domain; a DNS error is no match. */
        private boolean inPtr(String target) {
            DnsAnswer<String> names = dns.ptr(address);
            if (names.failed()) {
                return false;
            }
            return answered(names).stream()
                    .limit(LOOKUP_LIMIT)
                    .filter(name -> name.equals(target) || name.endsWith("." + target))
                    .anyMatch(name -> addresses(name).records().contains(address));
        }
    }
}
