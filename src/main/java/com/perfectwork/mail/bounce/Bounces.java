package com.perfectwork.mail.bounce;

import com.perfectwork.mail.blacklist.Blacklist;
import com.perfectwork.mail.directory.Partners;
import com.perfectwork.mail.discussion.Chatter;
import com.perfectwork.mail.discussion.KnownMessage;
import com.perfectwork.mail.outgoing.MailQueue;
import com.perfectwork.mail.outgoing.OutgoingMail;
import com.perfectwork.mail.outgoing.VerpAddress;
import com.perfectwork.mail.routing.ParsedMail;
import com.perfectwork.mail.settings.MailDomainSettings;
import com.perfectwork.mail.settings.Secrets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A bounce's path: read it ({@link DsnParser}), attribute it to the mail it is for, then show it — the mail and its
 * notification bounced (the red envelope), the address's contacts one bounce more, the address blacklisted when
 * its bounces say it is dead ({@link BlacklistRule}) or at once on a complaint. Nothing is ever sent back to a
 * bounce. Runs in the transaction that records the received mail.
 */
@Component
public class Bounces {

    private final MailDomainSettings domain;
    private final VerpAddress verp;
    private final Chatter chatter;
    private final MailQueue queue;
    private final Partners partners;
    private final Blacklist blacklist;
    private final BounceLog log;
    private final BounceSettings settings;

    Bounces(
            MailDomainSettings domain,
            Secrets secrets,
            Chatter chatter,
            MailQueue queue,
            Partners partners,
            Blacklist blacklist,
            BounceLog log,
            BounceSettings settings) {
        this.domain = domain;
        this.verp = new VerpAddress(secrets.derivedKey("verp"));
        this.chatter = chatter;
        this.queue = queue;
        this.partners = partners;
        this.blacklist = blacklist;
        this.log = log;
        this.settings = settings;
    }

    /** Takes a mail routing found to look like a bounce, received at {@code at}. */
    public BounceOutcome take(ParsedMail mail, Instant at) {
        BounceReading reading = DsnParser.read(mail, domain.catchallDomain().orElse(null));
        if (reading instanceof BounceReading.NotABounce not) {
            return new BounceOutcome.NotABounce(not.why());
        }
        BounceReading.Failure failure = (BounceReading.Failure) reading;
        BounceTag tag = BounceTag.of(mail.recipients(), domain.bounceAlias(), domain.catchallDomain(), verp);
        String email = DsnParser.normalized(failure.email());
        if (tag.forged()) {
            BounceReport report = report(failure, email, null);
            return new BounceOutcome.Recorded(
                    report,
                    describe(report) + "; the tag of " + tag.address()
                            + " does not verify: a forged bounce, nothing changed");
        }
        Optional<OutgoingMail> attributed = tag.mailId().isPresent()
                ? tag.mailId().flatMap(id -> queue.bounced(id, failureReason(failure)))
                : byOriginal(failure.originals(), email).flatMap(m -> queue.bounced(m.id(), failureReason(failure)));
        if (email == null) {
            email = attributed.map(m -> DsnParser.normalized(m.emailTo())).orElse(null);
        }
        BounceReport report =
                report(failure, email, attributed.map(OutgoingMail::id).orElse(null));
        StringBuilder summary = new StringBuilder(describe(report));
        if (tag.mailId().isPresent() && attributed.isEmpty()) {
            summary.append("; mail ").append(tag.mailId().get()).append(" is not a sent mail: none marked");
        }
        if (email != null) {
            summary.append(effects(report, at));
        }
        return new BounceOutcome.Recorded(report, summary.toString());
    }

    /** The address's contacts count one bounce more; its bounces may make it dead, a complaint at once. */
    private String effects(BounceReport report, Instant at) {
        int contacts = partners.countBounce(report.email());
        log.add(report, at);
        String effects = "; bounce counted on " + contacts + (contacts == 1 ? " contact" : " contacts");
        if (report.complaint()) {
            blacklist.add(
                    report.email(),
                    "complained: the recipient marked a mail as spam (feedback report)",
                    "blacklisted automatically: the recipient marked a mail as spam (feedback report)");
            return effects + "; blacklisted: the recipient complained";
        }
        BlacklistRule rule = settings.blacklistRule();
        Optional<String> note = rule.verdict(log.since(report.email(), rule.windowStart(at)), lastReason(report));
        if (note.isPresent() && !blacklist.isBlacklisted(report.email())) {
            blacklist.add(report.email(), cut(note.get(), 1000), "blacklisted automatically: " + note.get());
            return effects + "; blacklisted: " + note.get();
        }
        return effects;
    }

    /**
     * The mail a bounce without a tag is for: one of the mails the returned Message-ID went out as, to the failed
     * address (or the only one, when the report names no address).
     */
    private Optional<OutgoingMail> byOriginal(List<String> originals, String email) {
        if (originals.isEmpty()) {
            return Optional.empty();
        }
        List<KnownMessage> known = chatter.withMessageIds(originals);
        for (String original : originals) {
            for (KnownMessage message : known) {
                if (!message.messageIdHeader().equals(original)) {
                    continue;
                }
                List<OutgoingMail> mails = queue.ofChatterMessage(message.id());
                Optional<OutgoingMail> match = mails.stream()
                        .filter(m -> email != null && email.equals(DsnParser.normalized(m.emailTo())))
                        .findFirst();
                if (match.isPresent()) {
                    return match;
                }
                if (email == null && mails.size() == 1) {
                    return Optional.of(mails.get(0));
                }
            }
        }
        return Optional.empty();
    }

    private static BounceReport report(BounceReading.Failure failure, String email, Long mailId) {
        return new BounceReport(
                email,
                failure.status(),
                failure.reason(),
                failure.hard(),
                failure.complaint(),
                mailId,
                failure.diagnostic());
    }

    /** What the mail's failure reason says, as the red envelope shows it. */
    private static String failureReason(BounceReading.Failure failure) {
        String reason = failure.reason().code() + (failure.status() == null ? "" : " (" + failure.status() + ")");
        return failure.diagnostic() == null ? reason : reason + ": " + failure.diagnostic();
    }

    private static String lastReason(BounceReport report) {
        return report.reason().code() + (report.diagnostic() == null ? "" : " (" + cut(report.diagnostic(), 300) + ")");
    }

    private static String describe(BounceReport report) {
        String what = report.complaint()
                ? "a complaint (feedback report)"
                : (report.hard() ? "a hard" : "a soft") + " bounce";
        return what + " for " + (report.email() == null ? "an unnamed address" : report.email())
                + (report.mailId() == null ? "" : ", mail " + report.mailId()) + ": "
                + report.reason().code()
                + (report.statusCode() == null ? "" : " (" + report.statusCode() + ")");
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }
}
