package com.perfectwork.mail.inbound;

import java.time.Duration;

/**
 * What the SMTP and LMTP receivers let one client, one session and one mail take: connections in all and from one
 * client address, recipients per mail, how long a session may wait for a command and for the next bytes of DATA,
 * error replies per session before it is closed, and mails processed at once ({@code 0}: fitted to the database
 * pool). {@code prefix} names the settings in the messages of a bad value.
 */
record ReceiverLimits(
        int maxConnections,
        int maxConnectionsPerAddress,
        int maxRecipients,
        Duration commandTimeout,
        Duration dataTimeout,
        int maxErrors,
        int maxConcurrentMails,
        String prefix) {

    ReceiverLimits {
        atLeast(1, maxConnections, prefix + ".max-connections");
        atLeast(1, maxConnectionsPerAddress, prefix + ".max-connections-per-address");
        atLeast(1, maxRecipients, prefix + ".max-recipients");
        atLeast(1, maxErrors, prefix + ".max-errors");
        atLeast(0, maxConcurrentMails, prefix + ".max-concurrent-mails");
        positive(commandTimeout, prefix + ".command-timeout");
        positive(dataTimeout, prefix + ".data-timeout");
    }

    int commandTimeoutMillis() {
        return millis(commandTimeout);
    }

    int dataTimeoutMillis() {
        return millis(dataTimeout);
    }

    private static int millis(Duration timeout) {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    private static void atLeast(int least, int value, String setting) {
        if (value < least) {
            throw new IllegalArgumentException(setting + " must be at least " + least + ", not " + value);
        }
    }

    private static void positive(Duration timeout, String setting) {
        if (timeout == null || timeout.toMillis() < 1) {
            throw new IllegalArgumentException(setting + " must be a positive duration, like 5m, not " + timeout);
        }
    }
}
