package com.perfectwork.mail.inbound;

import com.perfectwork.mail.bounce.BounceOutcome;
import com.perfectwork.mail.bounce.Bounces;
import com.perfectwork.mail.directory.Partners;
import com.perfectwork.mail.mailing.MailingTracking;
import com.perfectwork.mail.routing.AliasAdmission;
import com.perfectwork.mail.routing.ParsedMail;
import com.perfectwork.mail.routing.Route;
import com.perfectwork.mail.routing.SenderTrust;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The act step of the pipeline: what a routed mail does, one named act per route, in the pipeline's transaction. The
 * result is the outcome for the inbound log, which writes it. A mail a person (or their robot) wrote, rather than a
 * report, first proves its sender's address works and counts as a reply to the mass mail it answers, whatever its
 * route; then a forged From or a sender in a loop stops it before anything is posted or answered under its From.
 */
@Component
class RouteActs {

    private final Bounces bounces;
    private final Partners partners;
    private final MailingTracking mailings;
    private final LoopGuard loopGuard;
    private final RefusalAnswers refusalAnswers;
    private final ThreadDelivery delivery;

    RouteActs(
            Bounces bounces,
            Partners partners,
            MailingTracking mailings,
            LoopGuard loopGuard,
            RefusalAnswers refusalAnswers,
            ThreadDelivery delivery) {
        this.bounces = bounces;
        this.partners = partners;
        this.mailings = mailings;
        this.loopGuard = loopGuard;
        this.refusalAnswers = refusalAnswers;
        this.delivery = delivery;
    }

    InboundResult act(Route route, Arrival mail) {
        if (route instanceof Route.Bounce bounce) {
            return takeBounce(bounce, mail);
        }
        return actOnMail(route, mail);
    }

    /**
     * A report goes to the bounce module. One it finds no report in goes where its route says a mail a person wrote
     * goes; sent to the bounce address or shaped as a report, it goes nowhere.
     */
    private InboundResult takeBounce(Route.Bounce bounce, Arrival mail) {
        BounceOutcome taken = bounces.take(mail.parsed(), mail.received().receivedAt(), bounce.tentative());
        if (taken instanceof BounceOutcome.Recorded recorded) {
            return InboundResult.bounce(recorded.report(), recorded.summary());
        }
        if (bounce.tentative()) {
            return actOnMail(bounce.asMail(), mail);
        }
        String why = ((BounceOutcome.NotABounce) taken).why();
        return InboundResult.unposted(InboundOutcome.DROPPED, bounce.reason() + ", but " + why);
    }

    private InboundResult actOnMail(Route route, Arrival mail) {
        senderWorks(route, mail);
        if (route instanceof Route.Unsubscribe unsubscribe) {
            return unsubscribe(unsubscribe);
        }
        boolean counted = countMassMailReply(mail.parsed());
        if (route instanceof Route.MassMailReply reply) {
            return massMailReply(reply, counted, mail.parsed());
        }
        Optional<InboundResult> stopped = forged(route, mail).or(() -> loop(route, mail));
        if (stopped.isPresent()) {
            return stopped.get();
        }
        if (route instanceof Route.CatchallOnly catchallOnly) {
            return answerCatchallOnly(catchallOnly, mail.parsed());
        }
        if (route instanceof Route.Reply reply) {
            return postReply(reply, mail);
        }
        if (route instanceof Route.ToAliases toAliases) {
            return deliverToAliases(toAliases.aliases(), toAliases.reason(), mail);
        }
        if (route instanceof Route.Fallback fallback) {
            return deliverToAliases(List.of(fallback.asAlias()), fallback.reason(), mail);
        }
        InboundOutcome outcome = route instanceof Route.Duplicate ? InboundOutcome.DUPLICATE : InboundOutcome.DROPPED;
        return InboundResult.unposted(outcome, route.reason());
    }

    /**
     * A mail that is no bounce came from the address: it works, whatever its contacts' bounces said. Not a duplicate
     * (it came before), nor a forged From (the address did not send it).
     */
    private void senderWorks(Route route, Arrival mail) {
        if (mail.sender() != null
                && !(route instanceof Route.Duplicate)
                && mail.forgery().isEmpty()) {
            partners.resetBounces(mail.sender());
        }
    }

    /** The token says who: the mail's sender may be another address of theirs, or a provider's robot. */
    private InboundResult unsubscribe(Route.Unsubscribe unsubscribe) {
        boolean taken = mailings.unsubscribe(unsubscribe.token(), false);
        return InboundResult.unposted(
                InboundOutcome.DROPPED,
                unsubscribe.reason()
                        + (taken
                                ? ": the recipient is unsubscribed"
                                : ": its token is not one we signed, nothing changed"));
    }

    /** A person's reply to a mass mail counts on its mailing, wherever it is routed (an auto-reply does not). */
    private boolean countMassMailReply(ParsedMail mail) {
        Optional<String> massMail = mail.autoReply() ? Optional.empty() : mail.massMailToken();
        return massMail.map(mailings::replied).orElse(false);
    }

    private static InboundResult massMailReply(Route.MassMailReply reply, boolean counted, ParsedMail mail) {
        return InboundResult.unposted(
                InboundOutcome.DROPPED,
                counted
                        ? reply.reason()
                        : mail.autoReply()
                                ? "an automatic reply to a mass mail: not counted"
                                : "a reply to a mass mail whose token is not one we signed: not counted");
    }

    /** DMARC says the From is not the sender's: nothing is posted under it, and it is not answered. */
    private static Optional<InboundResult> forged(Route route, Arrival mail) {
        if (route instanceof Route.Dropped || route instanceof Route.Duplicate) {
            return Optional.empty();
        }
        return mail.forgery()
                .map(forgery -> InboundResult.unposted(InboundOutcome.REJECTED, route.reason() + "; " + forgery));
    }

    /** A sender who wrote too often lately is stopped, and told so in an answer whose replies are ignored. */
    private Optional<InboundResult> loop(Route route, Arrival mail) {
        return loopGuard
                .loop(mail.parsed().from(), route)
                .map(loop -> InboundResult.unposted(
                        InboundOutcome.DROPPED, loop + "; " + refusalAnswers.loop(mail.parsed())));
    }

    private InboundResult answerCatchallOnly(Route.CatchallOnly catchallOnly, ParsedMail mail) {
        return InboundResult.unposted(
                InboundOutcome.DROPPED, catchallOnly.reason() + "; " + refusalAnswers.catchallOnly(mail));
    }

    private InboundResult postReply(Route.Reply reply, Arrival mail) {
        long posted = delivery.reply(mail.parsed(), reply.recordId(), mail.trust());
        return InboundResult.posted(
                InboundOutcome.POSTED,
                reply.model(),
                reply.recordId(),
                posted,
                reply.reason() + unattributed(mail.trust()));
    }

    /** Posts on (or creates) the record of each alias that admits the sender; if none does, the sender is told why. */
    private InboundResult deliverToAliases(List<AliasAdmission> aliases, String reason, Arrival mail) {
        ThreadDelivery.AliasOutcome outcome = delivery.toAliases(mail.parsed(), aliases, mail.trust());
        if (outcome instanceof ThreadDelivery.AliasOutcome.Refused refused) {
            return InboundResult.unposted(
                    InboundOutcome.REJECTED,
                    String.join("; ", refused.refusals()) + "; "
                            + refusalAnswers.refused(mail.parsed(), refused.refusals()));
        }
        ThreadDelivery.AliasOutcome.Delivered delivered = (ThreadDelivery.AliasOutcome.Delivered) outcome;
        return InboundResult.posted(
                delivered.created() ? InboundOutcome.CREATED : InboundOutcome.POSTED,
                delivered.model(),
                delivered.recordId(),
                delivered.messageId(),
                reason + unattributed(mail.trust()));
    }

    /** What the log says of a mail posted with an untrusted From: it names no contact. */
    private static String unattributed(SenderTrust trust) {
        return trust.trusted() ? "" : "; " + trust.why() + ": posted with no contact as its author";
    }
}
