package com.perfectwork.mail.deliverability;

import java.util.List;

/**
 * An outgoing server that sends for a domain, with the addresses its host resolved to; {@code problem} says why some
 * of them cannot be checked (a private address, a host that does not resolve), null otherwise.
 */
public record SendingServer(String name, String host, List<String> addresses, String problem) {

    public SendingServer {
        addresses = List.copyOf(addresses);
    }
}
