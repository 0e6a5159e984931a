package com.perfectwork.mail.routing;

import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.discussion.Chatter;
import com.perfectwork.mail.discussion.KnownMessage;
import com.perfectwork.mail.settings.MailDomainSettings;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Decides where a received mail goes, in the documented order ("Manage inbound messages"):
 * 1. a duplicate of a message already in a thread; 2. a bounce; then a mass mail's {@code mailto:} unsubscribe
 * address; 3. a reply to a known message, found by an exact Message-ID of its In-Reply-To or References (unless it
 * was sent on to an alias of another model: a forward); 4. mail to aliases; 5. mail to the catchall only (a reply to
 * a mass mail is counted; any other is answered, not posted); 6. the incoming server's fallback model; otherwise
 * 7. no route. A mail that only looks like a bounce is routed both ways at once (the bounce module says which holds),
 * and mail to aliases with what each alias's contact policy says of the sender: the pipeline acts on the route, it
 * never comes back to ask.
 */
@Component
public class InboundRouter {

    private final Chatter chatter;
    private final Aliases aliases;
    private final ContactPolicy contactPolicy;
    private final MailDomainSettings settings;

    InboundRouter(Chatter chatter, Aliases aliases, ContactPolicy contactPolicy, MailDomainSettings settings) {
        this.chatter = chatter;
        this.aliases = aliases;
        this.contactPolicy = contactPolicy;
        this.settings = settings;
    }

    /**
     * Reads only: it changes nothing, in the caller's transaction.
     *
     * @param fallbackModel the model the incoming server that fetched the mail creates records of, if any
     * @param trust how far the mail's From address names its sender, for the aliases' contact policies
     */
    public Route route(ParsedMail mail, Optional<String> fallbackModel, SenderTrust trust) {
        // one look-up finds what the mail may duplicate (its own Message-ID, ours) and what it answers (its ancestors)
        Set<String> named = new LinkedHashSet<>(mail.ancestors());
        if (!mail.messageIdGenerated()) {
            named.add(mail.messageId());
        }
        if (mail.perfectworkMessageId() != null) {
            named.add(mail.perfectworkMessageId());
        }
        List<KnownMessage> known = chatter.withMessageIds(named);
        // 1. duplicate: the same Message-ID is already in a thread
        if (!mail.messageIdGenerated() && isAmong(known, mail.messageId())) {
            return new Route.Duplicate("Message-ID " + mail.messageId() + " is already in a thread");
        }
        if (mail.perfectworkMessageId() != null && isAmong(known, mail.perfectworkMessageId())) {
            // one of our own notifications come back, its Message-ID rewritten by a relay on the way
            return new Route.Duplicate(
                    "X-Perfectwork-Message-Id " + mail.perfectworkMessageId() + " is already in a thread");
        }
        // 2. bounce: to the bounce address, a delivery status report, or a mail that looks like a mail server's notice;
        // one that only looks like it is routed as any mail too, in case the bounce module finds no report in it
        Optional<BounceSigns.Sign> bounce = BounceSigns.of(mail, settings.bounceAlias(), settings.catchallDomain());
        if (bounce.isPresent()) {
            return new Route.Bounce(
                    bounce.get().reason(), bounce.get().tentative() ? asMail(mail, known, fallbackModel, trust) : null);
        }
        return asMail(mail, known, fallbackModel, trust);
    }

    /** The rungs after the bounce one, which are those of any mail a person wrote. */
    private Route asMail(ParsedMail mail, List<KnownMessage> known, Optional<String> fallbackModel, SenderTrust trust) {
        Optional<String> domain = settings.catchallDomain();
        // a mass mail's mailto: unsubscribe address, before any alias (it never names one)
        Optional<String> unsubscribe = domain.flatMap(d -> unsubscribeToken(mail, d));
        if (unsubscribe.isPresent()) {
            return new Route.Unsubscribe(
                    unsubscribe.get(), "an unsubscribe request sent to the List-Unsubscribe address");
        }
        // an answer to our own loop warning (an auto-responder answering it) ends there
        if (domain.isPresent() && LoopMarker.isAmong(mail.ancestors(), domain.get())) {
            return new Route.Dropped("a reply to a loop warning: ignored");
        }
        // 3. reply: the newest message whose Message-ID the mail names as an ancestor
        List<Alias> addressed = addressedAliases(mail);
        Optional<KnownMessage> answered = known.stream()
                .filter(m -> mail.ancestors().contains(m.messageIdHeader()))
                .findFirst();
        if (answered.isPresent()) {
            long record = answered.get().recordId();
            String model = answered.get().model();
            List<Alias> forwards = addressed.stream()
                    .filter(a -> a.creates() && !a.model().equals(model))
                    .toList();
            if (forwards.isEmpty()) {
                return new Route.Reply(record, model, "reply to a message of record " + record);
            }
            return new Route.ToAliases(admissions(forwards, mail, trust), "forwarded to " + names(forwards));
        }
        // 4. aliases among the recipients
        if (!addressed.isEmpty()) {
            return new Route.ToAliases(admissions(addressed, mail, trust), "sent to " + names(addressed));
        }
        // 5. only the catchall: it collects replies, it is no contact address
        boolean catchallOnly =
                !mail.recipients().isEmpty() && mail.recipients().stream().allMatch(this::isCatchall);
        Optional<String> massMail = mail.massMailToken();
        if (catchallOnly && massMail.isPresent()) {
            // a reply to a mailing whose Reply-To is the catchall: counted on the mailing, not answered
            return new Route.MassMailReply(massMail.get(), "a reply to a mass mail, counted on its mailing");
        }
        if (catchallOnly) {
            return new Route.CatchallOnly(
                    "sent to the catchall address only, which collects replies and is no contact address");
        }
        // 6. the fallback model of the incoming server
        if (fallbackModel.isPresent()) {
            return new Route.Fallback(
                    fallbackModel.get(),
                    "no alias matches: a new " + fallbackModel.get() + " (the incoming server's fallback model)");
        }
        // 7. nothing else matched
        return new Route.Dropped("no route: not a reply to a known message, and no alias matches");
    }

    /** What each alias's contact policy says of the mail's sender. */
    private List<AliasAdmission> admissions(List<Alias> addressed, ParsedMail mail, SenderTrust trust) {
        return addressed.stream()
                .map(alias -> contactPolicy.admission(alias, mail.from(), trust))
                .toList();
    }

    /** The aliases whose address (a local part at the alias domain) is among the recipients. */
    private List<Alias> addressedAliases(ParsedMail mail) {
        Optional<String> domain = settings.catchallDomain();
        Set<Alias> found = new LinkedHashSet<>();
        for (EmailAddress recipient : mail.recipients()) {
            // the catchall's local part is reserved, never an alias's: every reply is sent to it, so no look-up
            if (domain.map(d -> d.equalsIgnoreCase(recipient.domain())).orElse(false) && !isCatchall(recipient)) {
                aliases.findByName(recipient.localPart()).ifPresent(found::add);
            }
        }
        return List.copyOf(found);
    }

    private static Optional<String> unsubscribeToken(ParsedMail mail, String domain) {
        return mail.recipients().stream()
                .map(r -> UnsubscribeAddress.token(r, domain))
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static boolean isAmong(List<KnownMessage> known, String messageId) {
        return known.stream().anyMatch(m -> m.messageIdHeader().equals(messageId));
    }

    private boolean isCatchall(EmailAddress recipient) {
        return settings.catchallDomain()
                        .map(d -> d.equalsIgnoreCase(recipient.domain()))
                        .orElse(false)
                && recipient.localPart().equalsIgnoreCase(settings.catchallAlias());
    }

    private static String names(List<Alias> aliases) {
        return String.join(", ", aliases.stream().map(Alias::name).toList());
    }
}
