package com.perfectwork.mail.inbound;

import java.time.Duration;

/**
 * What the SMTP and LMTP receivers let one client, one session and one mail take, as their settings give it (both
 * settings records are these limits): connections in all and from one client address, recipients per mail, how
 * long a session may wait for a command and for the next bytes of DATA, error replies per session before it is
 * closed, and mails processed at once ({@code 0}: fitted to the database pool).
 */
interface ReceiverLimits {

    int maxConnections();

    int maxConnectionsPerAddress();

    int maxRecipients();

    Duration commandTimeout();

    Duration dataTimeout();

    int maxErrors();

    int maxConcurrentMails();

    default int commandTimeoutMillis() {
        return millis(commandTimeout());
    }

    default int dataTimeoutMillis() {
        return millis(dataTimeout());
    }

    /** Refuses limits a receiver cannot start with, naming the setting ({@code prefix.max-connections}…). */
    static void check(ReceiverLimits limits, String prefix) {
        atLeast(1, limits.maxConnections(), prefix + ".max-connections");
        atLeast(1, limits.maxConnectionsPerAddress(), prefix + ".max-connections-per-address");
        atLeast(1, limits.maxRecipients(), prefix + ".max-recipients");
        atLeast(1, limits.maxErrors(), prefix + ".max-errors");
        atLeast(0, limits.maxConcurrentMails(), prefix + ".max-concurrent-mails");
        positive(limits.commandTimeout(), prefix + ".command-timeout");
        positive(limits.dataTimeout(), prefix + ".data-timeout");
    }

    private static int millis(Duration timeout) {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    private static void atLeast(int least, int value, String setting) {
        if (value < least) {
            throw new IllegalStateException(setting + " must be at least " + least + ", not " + value);
        }
    }

    private static void positive(Duration timeout, String setting) {
        if (timeout == null || timeout.toMillis() < 1) {
            throw new IllegalStateException(setting + " must be a positive duration, like 5m, not " + timeout);
        }
    }
}
