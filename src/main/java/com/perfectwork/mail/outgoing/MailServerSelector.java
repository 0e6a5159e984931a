package com.perfectwork.mail.outgoing;

import com.perfectwork.mail.core.EmailAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the outgoing server and the From for a sender, in the order the documentation gives
 * ("Utilizing the From filter on an outgoing email server"). Pure: servers and settings come in,
 * a choice comes out.
 */
public final class MailServerSelector {

    private static final Logger log = LoggerFactory.getLogger(MailServerSelector.class);

    private MailServerSelector() {}

    /**
     * @param servers active server records, in priority order (lower number first, then creation order)
     * @param notifications the notifications address ({@code mail.default.from}), if any
     * @param configured the server of {@code perfectwork.mail.smtp.*}, its filter {@code mail.default.from_filter}
     * @return empty when there is no server at all
     */
    public static Optional<ServerChoice> choose(
            EmailAddress sender,
            List<MailServer> servers,
            Optional<EmailAddress> notifications,
            Optional<MailServer> configured) {
        if (servers.isEmpty()) {
            // 5. no server records: the configured server keeps a From its filter accepts, else rewrites it
            return configured.map(server -> server.fromFilter().accepts(sender)
                    ? keep(server, sender, "5. configured server, sender accepted by mail.default.from_filter")
                    : rewrite(
                            server,
                            sender,
                            notifications,
                            "5. configured server, sender outside mail.default.from_filter"));
        }
        // 1. a filter holding the sender's full address, else the sender's domain: From unchanged
        Optional<MailServer> own = first(servers, s -> s.fromFilter().holdsAddress(sender))
                .or(() -> first(servers, s -> s.fromFilter().holdsDomain(sender)));
        if (own.isPresent()) {
            return Optional.of(keep(own.get(), sender, "1. FROM filter holds the sender's address or domain"));
        }
        // 2. a server without filter: From rewritten onto the notifications address when there is one
        Optional<MailServer> open = first(servers, s -> s.fromFilter().isEmpty());
        if (open.isPresent()) {
            return Optional.of(rewrite(open.get(), sender, notifications, "2. server without FROM filter"));
        }
        // 3. a filter holding mail.default.from, else its domain: From rewritten
        Optional<MailServer> forNotifications = notifications.flatMap(address -> first(
                        servers, s -> s.fromFilter().holdsAddress(address))
                .or(() -> first(servers, s -> s.fromFilter().holdsDomain(address))));
        if (forNotifications.isPresent()) {
            return Optional.of(rewrite(
                    forNotifications.get(),
                    sender,
                    notifications,
                    "3. FROM filter holds mail.default.from or its domain"));
        }
        // 4. the first server by priority, as a last resort
        log.warn(
                "No outgoing server's FROM filter accepts {} nor the notifications address; using {}",
                sender.address(),
                servers.get(0).label());
        return Optional.of(
                rewrite(servers.get(0), sender, notifications, "4. no filter matches: first server by priority"));
    }

    /** A server forced by the caller (a mass mailing's dedicated server): the From is never rewritten. */
    public static ServerChoice forced(MailServer server, EmailAddress sender) {
        return keep(server, sender, "dedicated server chosen for this mailing");
    }

    private static Optional<MailServer> first(List<MailServer> servers, Predicate<MailServer> test) {
        return servers.stream().filter(test).findFirst();
    }

    private static ServerChoice keep(MailServer server, EmailAddress sender, String rule) {
        return new ServerChoice(server, sender, false, rule);
    }

    private static ServerChoice rewrite(
            MailServer server, EmailAddress sender, Optional<EmailAddress> notifications, String rule) {
        if (notifications.isEmpty() || notifications.get().normalized().equals(sender.normalized())) {
            return new ServerChoice(server, sender, false, rule);
        }
        return new ServerChoice(server, FromRewriter.rewrite(sender, notifications.get()), true, rule);
    }
}
