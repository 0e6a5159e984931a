package com.perfectwork.mail.deliverability;

import java.util.Locale;

/**
 * The sender checks of a received mail: {@code results}, what SPF, DKIM and DMARC gave, as an
 * {@code Authentication-Results} header writes it (RFC 8601, without the server's name:
 * {@code spf=pass smtp.mailfrom=example.com; dkim=pass header.d=example.com header.s=sel; dmarc=pass (p=reject)
 * header.from=example.com}); the DMARC verdict and the policy of the From domain (null when it publishes none); and
 * {@code authenticatedDomain}, the From domain when SPF or DKIM passed for a domain aligned with it, whether or not it
 * publishes a policy (null otherwise).
 */
public record SenderAuthentication(String results, DmarcVerdict dmarc, String dmarcPolicy, String authenticatedDomain) {

    /** What is recorded when the checks are turned off (a gateway in front checked already). */
    public static SenderAuthentication off() {
        return new SenderAuthentication("none (checks turned off)", DmarcVerdict.OFF, null, null);
    }

    /**
     * DMARC failed and the From domain asks receivers to refuse such mail: {@code p=reject}, or {@code p=quarantine}
     * (this server has no junk folder to put it in).
     */
    public boolean failsEnforcedPolicy() {
        return dmarc == DmarcVerdict.FAIL && ("reject".equals(dmarcPolicy) || "quarantine".equals(dmarcPolicy));
    }

    /** The checks gave an answer: they ran and the DNS answered (not {@code off}, not {@code temperror}). */
    public boolean conclusive() {
        return dmarc != DmarcVerdict.OFF && dmarc != DmarcVerdict.TEMPERROR;
    }

    /** SPF or DKIM passed aligned with this From domain: the mail comes from that domain. */
    public boolean authenticates(String fromDomain) {
        if (authenticatedDomain == null || fromDomain == null) {
            return false;
        }
        try {
            return authenticatedDomain.equals(java.net.IDN.toASCII(fromDomain).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
