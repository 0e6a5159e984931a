package com.perfectwork.mail.outgoing;

import com.perfectwork.mail.core.EmailAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The From policy and server choice made for every mail the queue sends: five servers, as an installation with a
 * few sending domains has, and a sender each rung of the ladder serves (run by {@code bench/MicroBench}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ServerChoiceBenchmark {

    private final List<MailServer> servers = MailServerSelectorTest.servers(List.of(
            "1:10:sales.example, shop.example",
            "2:20:ann@partner.example",
            "3:30:support.example",
            "4:40:mycompany.com",
            "5:50:notifications@mycompany.com"));
    private final Optional<EmailAddress> notifications =
            Optional.of(new EmailAddress(null, "notifications@mycompany.com"));
    private final EmailAddress ownDomain = EmailAddress.parse("Bob Seller <bob@shop.example>", "from");
    private final EmailAddress foreign = EmailAddress.parse("\"Customer, Carl\" <carl@customer.example>", "from");

    /** Rung 1: a filter holds the sender's domain, the From is kept. */
    @Benchmark
    public ServerChoice senderOfAnOwnDomain() {
        return MailServerSelector.choose(ownDomain, servers, notifications, Optional.empty())
                .orElseThrow();
    }

    /** Rung 3: nobody's filter holds the sender, the From is rewritten onto the notifications address. */
    @Benchmark
    public ServerChoice foreignSenderRewritten() {
        return MailServerSelector.choose(foreign, servers, notifications, Optional.empty())
                .orElseThrow();
    }
}
