package com.perfectwork.mail.deliverability;

import java.time.Instant;

/**
 * A DKIM key of a sending domain as published: {@code dnsName} is where its TXT record goes
 * ({@code <selector>._domainkey.<domain>}), {@code dnsValue} the record itself ({@code v=DKIM1; k=rsa; p=…}).
 * The private key never leaves {@link DkimKeys}.
 */
public record DkimKey(
        long id,
        String domain,
        String selector,
        String algorithm,
        String dnsName,
        String dnsValue,
        boolean active,
        Instant createdAt) {

    public static final String RSA_SHA256 = "rsa-sha256";
    public static final String ED25519_SHA256 = "ed25519-sha256";

    /**
     * The record as a zone-file line: {@code <dnsName>. IN TXT ( "…" "…" )}, its value split into character-strings
     * of at most 255 characters (RFC 1035 section 3.3), which a resolver joins again (RFC 6376 section 3.6.2.2).
     */
    public String zoneFileLine() {
        StringBuilder line = new StringBuilder(dnsName).append(". IN TXT (");
        for (int i = 0; i < dnsValue.length(); i += 255) {
            line.append(" \"")
                    .append(dnsValue, i, Math.min(dnsValue.length(), i + 255))
                    .append('"');
        }
        return line.append(" )").toString();
    }

    /** The public key as the record's {@code p=} tag carries it (base64). */
    public String publicKey() {
        int p = dnsValue.indexOf("p=");
        return dnsValue.substring(p + 2).strip();
    }
}
