package com.perfectwork.mail.inbound;

import com.perfectwork.mail.deliverability.SenderAuthentication;
import com.perfectwork.mail.deliverability.SenderChecks;
import com.perfectwork.mail.routing.ParsedMail;
import com.perfectwork.mail.routing.SenderTrust;
import com.perfectwork.mail.settings.MailDomainSettings;
import com.perfectwork.mail.storage.Filestore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The sender checks (SPF, DKIM, DMARC) of a received mail, run before it is routed and outside its transaction, since
 * their DNS answers may take up to the DNS timeout, and what the pipeline makes of them. Once per mail: a retried mail
 * keeps the checks of its first processing, whose SMTP envelope is not kept. With {@code mail.inbound.check_senders}
 * off nothing is checked, and every mail is taken as it comes.
 *
 * <ol>
 *   <li>DMARC failed and the From domain's policy is {@code reject} or {@code quarantine}: the mail is not from whom
 *       it says; it is refused, never posted nor answered (its From is someone else's).
 *   <li>SPF or DKIM passed aligned with the From domain (with or without a DMARC record): the From address names the
 *       sender, as contact, follower and author.
 *   <li>The checks could not tell (turned off, or the DNS did not answer): the From address is taken as it comes,
 *       as before the checks.
 *   <li>Otherwise (DMARC {@code p=none}, no DMARC record, a wrong one): the mail goes where it would, but its From
 *       names no contact: no author, and the aliases for contacts or followers refuse it.
 * </ol>
 */
@Component
class SenderVerification {

    private final SenderChecks checks;
    private final Filestore filestore;
    private final MailDomainSettings settings;

    SenderVerification(SenderChecks checks, Filestore filestore, MailDomainSettings settings) {
        this.checks = checks;
        this.filestore = filestore;
        this.settings = settings;
    }

    /** The mail with its checks: those it has, or those made now from its stored bytes (or "off"). */
    Received checked(Received received) {
        if (received.authentication() != null) {
            return received;
        }
        return received.withAuthentication(settings.checkSenders() ? check(received) : SenderAuthentication.off());
    }

    /** Rule 1: why the mail is refused as forged; empty when it is not. */
    static Optional<String> refusal(SenderAuthentication authentication, ParsedMail mail) {
        if (!authentication.failsEnforcedPolicy()) {
            return Optional.empty();
        }
        String domain = mail.from() == null ? "its From domain" : mail.from().domain();
        return Optional.of("DMARC failed for " + domain + ", whose policy is " + authentication.dmarcPolicy()
                + ": neither SPF nor DKIM authenticates the From address; not posted, not answered");
    }

    /** Rules 2 to 4: how far the From address names the sender. */
    static SenderTrust trust(SenderAuthentication authentication, ParsedMail mail) {
        if (!authentication.conclusive()) {
            return SenderTrust.TRUSTED;
        }
        if (mail.from() != null && authentication.authenticates(mail.from().domain())) {
            return SenderTrust.TRUSTED;
        }
        return SenderTrust.untrusted("the From address is not authenticated (dmarc="
                + authentication.dmarc().word() + ")");
    }

    private SenderAuthentication check(Received received) {
        try (InputStream raw = received.bytes() != null
                ? new ByteArrayInputStream(received.bytes())
                : filestore.open(received.contentHash())) {
            return checks.check(raw, received.envelope());
        } catch (IOException e) {
            throw new UncheckedIOException("the stored mail " + received.contentHash() + " cannot be read", e);
        }
    }
}
