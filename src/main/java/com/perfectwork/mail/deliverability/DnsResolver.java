package com.perfectwork.mail.deliverability;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Asks the DNS servers of {@link DnsSettings} (or the system's) and keeps the answers for a short while. Every
 * question gets an answer value, never an exception: the records, "no such name", "no such record", or the failure
 * (a timeout, a server failure) with its reason. Failures are not kept, so that the next check asks again.
 */
@Component
public class DnsResolver {

    private record Question(String name, int type) {}

    private final Resolver resolver;
    private final java.time.Duration timeout;
    private final Cache<Question, DnsAnswer<Record>> answers;
    /** When every question of this view must have its answer ({@link System#nanoTime()}); 0: no such time. */
    private final long deadline;

    @Autowired
    DnsResolver(DnsSettings settings) {
        List<InetSocketAddress> servers = settings.servers().isEmpty()
                ? ResolverConfig.getCurrentConfig().servers()
                : settings.servers().stream().map(DnsResolver::address).toList();
        ExtendedResolver extended = new ExtendedResolver(servers.stream()
                .map(server -> {
                    SimpleResolver simple = new SimpleResolver(server);
                    simple.setTimeout(settings.timeout());
                    return (Resolver) simple;
                })
                .toList());
        extended.setTimeout(settings.timeout());
        extended.setRetries(1);
        this.resolver = extended;
        this.timeout = settings.timeout();
        this.answers = Caffeine.newBuilder()
                .expireAfterWrite(settings.cacheTime())
                .maximumSize(10_000)
                .build();
        this.deadline = 0;
    }

    private DnsResolver(DnsResolver shared, long deadline) {
        this.resolver = shared.resolver;
        this.timeout = shared.timeout;
        this.answers = shared.answers;
        this.deadline = deadline;
    }

    /**
     * This resolver (its servers, its kept answers), for questions that all end within {@code time} from now: a
     * question still waiting then is answered as failed (a timeout), and so is any question asked later. The checks
     * of a received mail ask up to a score of questions; this bounds them all together.
     */
    DnsResolver within(java.time.Duration time) {
        return new DnsResolver(this, System.nanoTime() + Math.max(1, time.toNanos()));
    }

    /** The TXT records of {@code name}, each one string (its character-strings joined, RFC 7208 §3.3). */
    public DnsAnswer<String> txt(String name) {
        return ask(name, Type.TXT).map(r -> String.join("", ((TXTRecord) r).getStrings()));
    }

    /** The MX records of {@code name}, by preference. */
    public DnsAnswer<MxHost> mx(String name) {
        DnsAnswer<MxHost> hosts =
                ask(name, Type.MX).map(r -> new MxHost(((MXRecord) r).getPriority(), host(((MXRecord) r).getTarget())));
        return new DnsAnswer<>(
                hosts.status(),
                hosts.records().stream()
                        .sorted(Comparator.comparingInt(MxHost::preference))
                        .toList(),
                hosts.error());
    }

    /** The A (IPv4) records of {@code name}. */
    public DnsAnswer<InetAddress> a(String name) {
        return ask(name, Type.A).map(r -> ((ARecord) r).getAddress());
    }

    /** The AAAA (IPv6) records of {@code name}. */
    public DnsAnswer<InetAddress> aaaa(String name) {
        return ask(name, Type.AAAA).map(r -> ((AAAARecord) r).getAddress());
    }

    /** The names of an address (PTR records under in-addr.arpa or ip6.arpa). */
    public DnsAnswer<String> ptr(InetAddress address) {
        return ask(ReverseMap.fromAddress(address).toString(), Type.PTR).map(r -> host(((PTRRecord) r).getTarget()));
    }

    private DnsAnswer<Record> ask(String text, int type) {
        Name name;
        try {
            name = Name.fromString(text.toLowerCase(Locale.ROOT), Name.root);
        } catch (TextParseException e) {
            return DnsAnswer.failed("not a domain name: " + text);
        }
        Question question = new Question(name.toString(), type);
        DnsAnswer<Record> cached = answers.getIfPresent(question);
        if (cached != null) {
            return cached;
        }
        DnsAnswer<Record> answer = send(name, type);
        if (!answer.failed()) {
            answers.put(question, answer);
        }
        return answer;
    }

    private DnsAnswer<Record> send(Name name, int type) {
        Message response;
        try {
            response = deadline == 0 ? resolver.send(query(name, type)) : sendBefore(deadline, name, type);
        } catch (IOException e) {
            return DnsAnswer.failed(
                    timedOut(e)
                            ? "no answer from the DNS server for " + describe(name, type) + " within "
                                    + timeout.toMillis() + " ms (timeout)"
                            : "DNS query for " + describe(name, type) + " failed: " + e.getMessage());
        } catch (TimeoutException e) {
            return DnsAnswer.failed("no answer from the DNS server for " + describe(name, type)
                    + " within the time the checks have (timeout)");
        }
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return DnsAnswer.none(DnsAnswer.Status.NO_DOMAIN);
        }
        if (rcode != Rcode.NOERROR) {
            return DnsAnswer.failed("the DNS server answered " + Rcode.string(rcode) + " for " + describe(name, type));
        }
        return DnsAnswer.found(response.getSection(Section.ANSWER).stream()
                .filter(r -> r.getType() == type)
                .toList());
    }

    private Message sendBefore(long deadline, Name name, int type) throws IOException, TimeoutException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new TimeoutException();
        }
        try {
            return resolver.sendAsync(query(name, type)).toCompletableFuture().get(left, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the DNS server", e);
        }
    }

    private static Message query(Name name, int type) {
        return Message.newQuery(Record.newRecord(name, type, DClass.IN));
    }

    private static boolean timedOut(IOException e) {
        return e instanceof SocketTimeoutException
                || e.getCause() instanceof java.util.concurrent.TimeoutException
                || String.valueOf(e.getMessage()).startsWith("Timed out");
    }

    private static String describe(Name name, int type) {
        return Type.string(type) + " " + name;
    }

    private static String host(Name name) {
        String text = name.toString();
        return (text.endsWith(".") ? text.substring(0, text.length() - 1) : text).toLowerCase(Locale.ROOT);
    }

    private static InetSocketAddress address(String server) {
        String text = server.strip();
        int colon = text.lastIndexOf(':');
        if (colon > 0 && text.indexOf(':') == colon) {
            return new InetSocketAddress(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        }
        if (text.startsWith("[") && text.contains("]:")) {
            int close = text.indexOf("]:");
            return new InetSocketAddress(text.substring(1, close), Integer.parseInt(text.substring(close + 2)));
        }
        return new InetSocketAddress(text, 53);
    }
}
