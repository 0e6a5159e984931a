package com.perfectwork.mail.deliverability;

import com.perfectwork.mail.outgoing.MailServer;
import com.perfectwork.mail.outgoing.MailServers;
import com.perfectwork.mail.settings.MailDomainSettings;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * The outgoing servers whose mail a receiver checks against a domain's SPF record, by the server ladder of the
 * documentation: the alias domain is every mail's envelope sender (the bounce address), so every active server sends
 * for it; another domain is sent for by the servers whose FROM filter holds it (rung 1), else by those without filter
 * (rung 2). While no server record exists, the configured server sends for every domain.
 */
@Component
class SendingServers {

    private final MailServers servers;
    private final MailDomainSettings settings;
    private final DnsResolver dns;

    SendingServers(MailServers servers, MailDomainSettings settings, DnsResolver dns) {
        this.servers = servers;
        this.settings = settings;
        this.dns = dns;
    }

    /** The alias domain, then every domain the active servers' FROM filters name, sorted. */
    List<String> domains() {
        List<String> domains = new ArrayList<>();
        settings.catchallDomain().ifPresent(domains::add);
        TreeSet<String> filtered = new TreeSet<>();
        for (MailServer server : servers.active()) {
            server.fromFilter().entries().forEach(entry -> filtered.add(entry.substring(entry.indexOf('@') + 1)));
        }
        filtered.stream().filter(domain -> !domains.contains(domain)).forEach(domains::add);
        return domains;
    }

    List<SendingServer> of(String domain) {
        return choose(domain).stream().map(this::resolve).toList();
    }

    private List<MailServer> choose(String domain) {
        List<MailServer> active = servers.active();
        if (active.isEmpty()) {
            return servers.configured().stream().toList();
        }
        if (settings.catchallDomain().filter(domain::equals).isPresent()) {
            return active;
        }
        List<MailServer> own = active.stream()
                .filter(s -> s.fromFilter().entries().stream()
                        .anyMatch(entry -> entry.equals(domain) || entry.endsWith("@" + domain)))
                .toList();
        return own.isEmpty()
                ? active.stream().filter(s -> s.fromFilter().isEmpty()).toList()
                : own;
    }

    private SendingServer resolve(MailServer server) {
        String name = server.name() == null ? "configured server" : server.name();
        InetAddress literal =
                SpfAddresses.literal(server.host().replace("[", "").replace("]", ""));
        if (literal != null) {
            return checked(name, server.host(), List.of(literal));
        }
        DnsAnswer<InetAddress> four = dns.a(server.host());
        DnsAnswer<InetAddress> six = dns.aaaa(server.host());
        Optional<String> failure = four.failed() ? Optional.of(four.error()) : Optional.empty();
        List<InetAddress> addresses = new ArrayList<>(four.records());
        addresses.addAll(six.records());
        if (addresses.isEmpty()) {
            String problem = failure.map(error -> "its host could not be resolved: " + error)
                    .orElse("its host " + server.host() + " has no address in the DNS");
            return new SendingServer(name, server.host(), List.of(), problem);
        }
        return checked(name, server.host(), addresses);
    }

    private static SendingServer checked(String name, String host, List<InetAddress> addresses) {
        List<String> texts = addresses.stream().map(InetAddress::getHostAddress).toList();
        List<String> local = addresses.stream()
                .filter(address -> !isPublic(address))
                .map(InetAddress::getHostAddress)
                .toList();
        String problem = local.isEmpty()
                ? null
                : "private address " + String.join(", ", local)
                        + ": the address receivers see is not known here (a relay or NAT); authorise that one";
        return new SendingServer(name, host, texts, problem);
    }

    /** Not loopback, link-local, site-local (RFC 1918) nor an IPv6 unique local address (fc00::/7). */
    static boolean isPublic(InetAddress address) {
        boolean uniqueLocal = address.getAddress().length == 16 && (address.getAddress()[0] & 0xfe) == 0xfc;
        return !(address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isAnyLocalAddress()
                || uniqueLocal);
    }
}
