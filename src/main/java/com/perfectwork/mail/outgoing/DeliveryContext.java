package com.perfectwork.mail.outgoing;

import com.perfectwork.mail.core.EmailAddress;
import java.util.List;
import java.util.Optional;

/**
 * The settings one pass of the queue works with, read once per pass: the active servers in priority
 * order, the configured server, the notifications address, what makes the bounce address, and whether the
 * server runs in hosted mode (port 25 refused).
 */
record DeliveryContext(
        List<MailServer> servers,
        Optional<MailServer> configured,
        Optional<EmailAddress> notifications,
        Optional<String> catchallDomain,
        String catchallAlias,
        String bounceAlias,
        String companyName,
        boolean hosted) {

    /** {@code bounce@<catchall domain>}, untagged; empty while the catchall domain is unset. */
    Optional<EmailAddress> bounceAddress() {
        return catchallDomain.flatMap(domain -> EmailAddress.tryParse(bounceAlias + "@" + domain));
    }

    Optional<String> catchallAddress() {
        return catchallDomain.map(domain -> catchallAlias + "@" + domain);
    }
}
