package com.perfectwork.mail.outgoing;

import com.perfectwork.mail.core.EmailAddress;
import jakarta.mail.internet.InternetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plans one mail of a bulk message: the recipient checked, a mass mail to a blacklisted address canceled, the
 * server chosen (the dedicated one, else the ladder), the envelope the same VERP address as every queued mail (so
 * that its bounces come back through the usual path).
 */
final class BulkPlanner {

    /** The reason of a mail waiting for its dedicated server; the rest of the reason names the server and why. */
    static final String DEDICATED = "Dedicated server ";

    static final String BLACKLISTED = "blacklisted";

    private final DeliveryContext context;
    private final DeliveryPlanner planner;
    private final List<MailServer> allServers;
    private final Optional<String> dedicatedSetting;
    private final Set<String> blacklisted;

    /** Per bulk message: its mails share server and Reply-To, chosen once per claim rather than per mail. */
    private final Map<Long, Choice> choices = new ConcurrentHashMap<>();

    private final Map<Long, Optional<InternetAddress>> replyTos = new ConcurrentHashMap<>();

    /**
     * @param allServers every server record, active or not
     * @param dedicatedSetting the value of {@value BulkMail#DEDICATED_SERVER}, if set
     * @param blacklisted the normalized addresses of the claim's mass mails that are blacklisted
     */
    BulkPlanner(
            DeliveryContext context,
            DeliveryPlanner planner,
            List<MailServer> allServers,
            Optional<String> dedicatedSetting,
            Set<String> blacklisted) {
        this.context = context;
        this.planner = planner;
        this.allServers = allServers;
        this.dedicatedSetting = dedicatedSetting.map(String::strip).filter(value -> !value.isEmpty());
        this.blacklisted = blacklisted;
    }

    DeliveryPlan plan(OutgoingMail mail, BulkTemplate template) {
        Optional<EmailAddress> to = EmailAddress.tryParse(mail.emailTo());
        if (to.isEmpty()) {
            return new DeliveryPlan.Settle(
                    mail,
                    new DeliveryResult.Failed(
                            FailureType.MAIL_EMAIL_INVALID, "'" + mail.emailTo() + "' is not a valid email address"));
        }
        // the blacklist holds mass mail only: transactional mail to the address still goes
        if (mail.massMailing() && blacklisted.contains(to.get().normalized())) {
            return new DeliveryPlan.Cancel(mail, BLACKLISTED);
        }
        Choice choice = choices.computeIfAbsent(template.id(), id -> choose(template));
        if (choice.waiting() != null) {
            return new DeliveryPlan.Settle(mail, new DeliveryResult.Deferred(choice.waiting()));
        }
        ServerChoice server = choice.server();
        return new DeliveryPlan.Send(
                mail,
                (from, recipient, replyTo, now) -> BulkComposer.compose(
                        template, mail.bulkToken(), mail.messageIdHeader(), from, recipient, replyTo, now),
                server,
                planner.envelope(mail.id(), server),
                MailHeaders.address(to.get().displayName(), to.get().address()),
                replyTos.computeIfAbsent(template.id(), id -> Optional.ofNullable(replyTo(template)))
                        .orElse(null));
    }

    /** A server chosen, or why the mail waits. */
    private record Choice(ServerChoice server, String waiting) {}

    /**
     * 1. the bulk message's server, else the server named by {@value BulkMail#DEDICATED_SERVER}: forced, the From
     * kept; missing or inactive, the mail waits (and goes once the server is back). 2. neither: the ladder.
     */
    private Choice choose(BulkTemplate template) {
        Optional<String> dedicated = template.mailServerId() != null
                ? Optional.of(template.mailServerId().toString())
                : dedicatedSetting;
        if (dedicated.isPresent()) {
            Optional<MailServer> server = allServers.stream()
                    .filter(s -> s.id().toString().equals(dedicated.get()))
                    .findFirst();
            if (server.isEmpty()) {
                return new Choice(null, DEDICATED + "#" + dedicated.get() + " is missing");
            }
            if (!server.get().active()) {
                return new Choice(null, DEDICATED + server.get().label() + " is inactive");
            }
            return usable(MailServerSelector.forced(server.get(), template.from()));
        }
        Optional<ServerChoice> choice = MailServerSelector.choose(
                template.from(), context.servers(), context.notifications(), context.configured());
        return choice.isEmpty() ? new Choice(null, DeliveryPlanner.NO_SERVER) : usable(choice.get());
    }

    /** In hosted mode a server on port 25 may not be used, forced or not. */
    private Choice usable(ServerChoice choice) {
        Optional<String> refusal = MailServers.refusal(choice.server(), context.hosted());
        return refusal.isPresent() ? new Choice(null, refusal.get()) : new Choice(choice, null);
    }

    /** The Reply-To the template gives, else the catchall address (replies come back to the database). */
    private InternetAddress replyTo(BulkTemplate template) {
        if (template.replyTo() != null) {
            return MailHeaders.address(template.replyTo());
        }
        return context.catchallAddress()
                .map(address -> MailHeaders.address(null, address))
                .orElse(null);
    }
}
