package com.perfectwork.mail.routing;

/**
 * Whether a received mail's From address may be taken to name its sender: a contact for the contact policies
 * "partners" and "followers", the author of what is posted. Trusted when SPF or DKIM passed for a domain aligned with
 * the From domain (DMARC's test), or when nothing could tell (the sender checks are turned off, or the DNS did not
 * answer in time); not trusted otherwise, {@code why} saying so for the inbound log.
 */
public record SenderTrust(boolean trusted, String why) {

    public static final SenderTrust TRUSTED = new SenderTrust(true, null);

    public static SenderTrust untrusted(String why) {
        return new SenderTrust(false, why);
    }
}
