package com.perfectwork.mail.deliverability;

import com.perfectwork.mail.deliverability.DkimSignature.Field;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.IDN;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Checks who sent a received mail: SPF for its SMTP client (RFC 7208), every DKIM signature (RFC 6376), and DMARC for
 * its From domain (RFC 7489). All their DNS questions together end within {@code perfectwork.dns.timeout}: a question
 * unanswered by then is a {@code temperror}, and the mail goes on its way. Answers are kept a while
 * ({@code perfectwork.dns.cache-time}), so a sender's mails ask once.
 */
@Component
public class SenderChecks {

    private final DnsResolver dns;
    private final SpfEvaluator spf;
    private final DnsSettings settings;
    private final Clock clock;

    SenderChecks(DnsResolver dns, SpfEvaluator spf, DnsSettings settings, Clock clock) {
        this.dns = dns;
        this.spf = spf;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Checks the raw mail (not closed) received with this envelope. Its content never makes this
     * throw: whatever is wrong with the mail is a result.
     *
     * @throws IOException when the mail cannot be read
     */
    public SenderAuthentication check(InputStream raw, SmtpEnvelope envelope) throws IOException {
        DnsResolver lookups = dns.within(settings.timeout());
        InputStream in = new BufferedInputStream(raw, 65536);
        MessageHead head = MessageHead.read(in);
        SenderSpf spfResult = spf(ReceivedTrace.complete(envelope, head), lookups);
        List<DkimResult> dkim = head.complete()
                ? new DkimVerifier(lookups::txt, clock.instant()).verify(head, in)
                : List.of(new DkimResult(
                        DkimVerdict.PERMERROR,
                        null,
                        null,
                        "the header is longer than " + MessageHead.LIMIT + " bytes"));
        DmarcResult dmarc = dmarc(head, spfResult, dkim, lookups);
        List<String> results = new ArrayList<>();
        results.add(spfResult.text());
        if (dkim.isEmpty()) {
            results.add("dkim=none (no signature)");
        }
        dkim.forEach(result -> results.add(result.text()));
        results.add(dmarc.text());
        return new SenderAuthentication(
                String.join("; ", results),
                dmarc.verdict(),
                dmarc.policy(),
                dmarc.alignedBy() == null ? null : dmarc.fromDomain());
    }

    /** SPF for the MAIL FROM domain, or for the HELO name when the sender is null (RFC 7208 §2.3, §2.4). */
    private SenderSpf spf(SmtpEnvelope envelope, DnsResolver lookups) {
        if (envelope.client() == null) {
            return SenderSpf.unchecked("the sending client is not known: no Received header names a public address");
        }
        if (envelope.mailFrom() == null) {
            return SenderSpf.unchecked("the envelope sender is not known: no Return-Path header");
        }
        String client = envelope.client().getHostAddress();
        String domain = envelope.mailFromDomain();
        if (domain != null) {
            SpfResult result = spf.checkHost(envelope.client(), domain, envelope.mailFrom(), lookups);
            return new SenderSpf(result.verdict(), "smtp.mailfrom", domain, client + ": " + result.detail());
        }
        if (envelope.helo() == null || SpfAddresses.literal(envelope.helo().replaceAll("[\\[\\]]", "")) != null) {
            return SenderSpf.unchecked("a null sender and no HELO name to check");
        }
        String helo = envelope.helo().toLowerCase(Locale.ROOT);
        SpfResult result = spf.checkHost(envelope.client(), helo, "postmaster@" + helo, lookups);
        return new SenderSpf(result.verdict(), "smtp.helo", helo, client + ": " + result.detail());
    }

    private static DmarcResult dmarc(MessageHead head, SenderSpf spf, List<DkimResult> dkim, DnsResolver lookups) {
        List<Field> from = head.all("from");
        if (from.size() != 1) {
            return new DmarcResult(
                    DmarcVerdict.PERMERROR, null, null, null, "the mail has " + from.size() + " From fields, not one");
        }
        String domain;
        try {
            InternetAddress[] addresses = InternetAddress.parseHeader(MessageHead.value(from.get(0)), false);
            if (addresses.length != 1) {
                return new DmarcResult(
                        DmarcVerdict.PERMERROR,
                        null,
                        null,
                        null,
                        "the From field has " + addresses.length + " addresses, not one");
            }
            String address = addresses[0].getAddress();
            domain =
                    IDN.toASCII(address.substring(address.lastIndexOf('@') + 1)).toLowerCase(Locale.ROOT);
        } catch (AddressException | IllegalArgumentException e) {
            return new DmarcResult(DmarcVerdict.PERMERROR, null, null, null, "the From address does not parse");
        }
        if (domain.isEmpty() || !domain.contains(".")) {
            return new DmarcResult(DmarcVerdict.PERMERROR, null, null, null, "the From address has no domain");
        }
        return new DmarcEvaluator(lookups::txt).evaluate(domain, spf.verdict(), spf.domain(), dkim);
    }
}
