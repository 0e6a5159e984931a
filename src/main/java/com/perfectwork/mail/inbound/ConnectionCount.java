package com.perfectwork.mail.inbound;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The connections a receiver holds: at most {@code max} in all and {@code perAddress} from one client address, so
 * that one client cannot take every session (RFC 5321 §4.5.3.2: a server may refuse a connection with {@code 421}).
 */
final class ConnectionCount {

    private final int max;
    private final int perAddress;
    private final Map<InetAddress, Integer> byAddress = new HashMap<>();
    private int total;

    ConnectionCount(int max, int perAddress) {
        this.max = max;
        this.perAddress = perAddress;
    }

    /**
     * Counts a new connection from the address if there is room for it; else (not counted) says which limit it
     * meets, for the {@code 421} it is answered.
     */
    synchronized Optional<String> admit(InetAddress address) {
        int fromAddress = byAddress.getOrDefault(address, 0);
        if (total >= max) {
            return Optional.of("too many connections, try again later");
        }
        if (fromAddress >= perAddress) {
            return Optional.of("too many connections from your address, try again later");
        }
        total++;
        byAddress.put(address, fromAddress + 1);
        return Optional.empty();
    }

    /** A connection admitted before has ended. */
    synchronized void release(InetAddress address) {
        total--;
        byAddress.computeIfPresent(address, (a, count) -> count == 1 ? null : count - 1);
    }
}
