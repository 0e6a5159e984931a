package com.perfectwork.mail.inbound;

import java.time.Instant;

/**
 * A mailbox fetched for incoming mail (Settings ‣ Discuss ‣ Incoming Email Servers). Only {@code confirmed}
 * active servers are fetched; Test & Confirm confirms one. The password is never part of this record.
 */
public record IncomingServer(
        long id,
        String name,
        String protocol,
        String host,
        int port,
        String security,
        String username,
        boolean hasPassword,
        String folder,
        boolean idle,
        String state,
        boolean active,
        int priority,
        String fallbackModel,
        boolean verifyCertificates,
        Instant lastFetchAt,
        String lastError,
        Instant failingSince,
        Long uidValidity,
        Long lastUid) {

    public boolean imap() {
        return "imap".equals(protocol);
    }

    public String label() {
        return name + " (" + protocol + "://" + host + ":" + port + ")";
    }
}
