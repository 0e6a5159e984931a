package com.perfectwork.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Connections admitted in all and per client address, and freed when they end. */
class ConnectionCountTest {

    private static final InetAddress ONE = InetAddress.getLoopbackAddress();
    private static final InetAddress OTHER = address(10, 0, 0, 2);

    @Test
    void oneAddressGetsItsShareAndNoMore() {
        ConnectionCount connections = new ConnectionCount(10, 2);

        assertThat(connections.admit(ONE)).isEmpty();
        assertThat(connections.admit(ONE)).isEmpty();
        assertThat(connections.admit(ONE)).hasValue("too many connections from your address, try again later");
        assertThat(connections.admit(OTHER)).as("another address still gets in").isEmpty();

        connections.release(ONE);
        assertThat(connections.admit(ONE)).as("room again once one ended").isEmpty();
    }

    @Test
    void everyAddressTogetherStopsAtTheLimitInAll() {
        ConnectionCount connections = new ConnectionCount(2, 2);
        connections.admit(ONE);
        connections.admit(OTHER);

        assertThat(connections.admit(address(10, 0, 0, 3))).hasValue("too many connections, try again later");
    }

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
