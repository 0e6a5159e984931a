package com.perfectwork.mail.bounce;

import com.perfectwork.mail.blacklist.Blacklist;
import com.perfectwork.mail.directory.Partners;
import com.perfectwork.mail.discussion.Chatter;
import com.perfectwork.mail.outgoing.MailQueue;
import com.perfectwork.mail.outgoing.OutgoingMail;
import com.perfectwork.mail.outgoing.VerpAddress;
import com.perfectwork.mail.routing.ParsedMail;
import com.perfectwork.mail.settings.MailDomainSettings;
import com.perfectwork.mail.settings.Secrets;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A bounce's path: read it ({@link DsnParser}), attribute it to the mail it is for ({@link BounceAttribution}), then
 * show it — the mail and its notification bounced (the red envelope), the address's contacts one bounce more, the
 * address blacklisted when its bounces say it is dead ({@link BlacklistRule}) or at once on a complaint. A report not
 * proven to be about a mail we sent to that address changes nothing. Nothing is ever sent back to a bounce. Runs in
 * the transaction that records the received mail.
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
    private final BounceAttribution attribution;

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
        this.attribution = new BounceAttribution(chatter, queue);
    }

    /**
     * Takes a mail routing found to look like a bounce, received at {@code at}; {@code tentative} when only its looks
     * did (not its address nor its structure). It changes something (the mail and its notification bounced, the
     * address's bounce count, the blacklist) only when {@link BounceAttribution} proves it is about a mail we sent to
     * that address, and it is no delay warning; any other report is recorded, with why it changed nothing.
     */
    public BounceOutcome take(ParsedMail mail, Instant at, boolean tentative) {
        BounceReading reading = DsnParser.read(mail, domain.catchallDomain().orElse(null), tentative);
        if (reading instanceof BounceReading.NotABounce not) {
            return new BounceOutcome.NotABounce(not.why());
        }
        BounceReading.Failure failure = (BounceReading.Failure) reading;
        BounceTag tag = BounceTag.of(mail.recipients(), domain.bounceAlias(), domain.catchallDomain(), verp);
        String named = DsnParser.normalized(failure.email());
        BounceAttribution.Verdict verdict = attribution.of(tag, failure.originals(), named);
        if (verdict instanceof BounceAttribution.Verdict.Unproven unproven) {
            BounceReport report = report(failure, named, null, false);
            return new BounceOutcome.Recorded(
                    report,
                    describe(report, failure.delayed()) + "; not attributed: " + unproven.why() + ", nothing changed");
        }
        BounceAttribution.Verdict.Ours ours = (BounceAttribution.Verdict.Ours) verdict;
        if (failure.delayed()) {
            // the mail may still arrive: its notification stays as it is, nothing counts against the address
            BounceReport report = report(
                    failure,
                    DsnParser.normalized(ours.mail().emailTo()),
                    ours.mail().id(),
                    true);
            return new BounceOutcome.Recorded(
                    report,
                    describe(report, true) + "; attributed " + ours.proof()
                            + "; the receiving server still tries, nothing changed");
        }
        return attributed(failure, ours, named, at);
    }

    /**
     * The mail and its notification bounce (unless the report is a complaint), and the effects fall on the mail's recipient: the address proven, even
     * when the report names another (the mailbox the recipient's mail was forwarded to).
     */
    private BounceOutcome attributed(
            BounceReading.Failure failure, BounceAttribution.Verdict.Ours ours, String named, Instant at) {
        OutgoingMail sent = ours.mail();
        if (!failure.complaint()) {
            // a complaint says the mail was delivered (and read): it stays sent, its effects fall on the address
            queue.bounced(sent.id(), failureReason(failure));
        }
        String email = DsnParser.normalized(sent.emailTo());
        BounceReport report = report(failure, email, sent.id(), true);
        String proof = "; attributed " + ours.proof()
                + (named == null || named.equals(email) ? "" : " (the report names " + named + ")");
        return new BounceOutcome.Recorded(
                report, describe(report, false) + proof + (email == null ? "" : effects(report, at)));
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

    private static BounceReport report(BounceReading.Failure failure, String email, Long mailId, boolean attributed) {
        return new BounceReport(
                email,
                failure.status(),
                failure.reason(),
                failure.hard(),
                failure.complaint(),
                mailId,
                failure.diagnostic(),
                attributed);
    }

    /** What the mail's failure reason says, as the red envelope shows it. */
    private static String failureReason(BounceReading.Failure failure) {
        String reason = failure.reason().code() + (failure.status() == null ? "" : " (" + failure.status() + ")");
        return failure.diagnostic() == null ? reason : reason + ": " + failure.diagnostic();
    }

    private static String lastReason(BounceReport report) {
        return report.reason().code() + (report.diagnostic() == null ? "" : " (" + cut(report.diagnostic(), 300) + ")");
    }

    private static String describe(BounceReport report, boolean delayed) {
        String what = report.complaint()
                ? "a complaint (feedback report)"
                : delayed
                        ? "a delay warning (the mail is still queued)"
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
