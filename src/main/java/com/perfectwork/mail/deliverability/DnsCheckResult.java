package com.perfectwork.mail.deliverability;

import java.util.List;

/** The DNS check of one domain: the outgoing servers that send for it, and the finding on each kind of record. */
public record DnsCheckResult(
        String domain, List<SendingServer> servers, DnsFinding mx, DnsFinding spf, DnsFinding dkim, DnsFinding dmarc) {

    public DnsCheckResult {
        servers = List.copyOf(servers);
    }
}
