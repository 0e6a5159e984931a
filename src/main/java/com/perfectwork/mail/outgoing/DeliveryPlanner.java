package com.perfectwork.mail.outgoing;

import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.discussion.MailableMessage;
import java.util.Optional;

/**
 * Plans one mail: checks the recipient and the sender before any connection, chooses the server and the
 * From (the documented ladder), and the envelope sender: the tagged bounce address when the chosen
 * server's FROM filter accepts the bounce address, else the From itself.
 */
final class DeliveryPlanner {

    static final String NO_SERVER = "no outgoing mail server";

    private final DeliveryContext context;
    private final VerpAddress verp;

    DeliveryPlanner(DeliveryContext context, VerpAddress verp) {
        this.context = context;
        this.verp = verp;
    }

    DeliveryPlan plan(OutgoingMail mail, NotificationComposer.Content content) {
        if (mail.emailTo() == null || mail.emailTo().isBlank()) {
            return failed(mail, FailureType.MAIL_EMAIL_MISSING, "the recipient has no email address");
        }
        Optional<EmailAddress> to = EmailAddress.tryParse(mail.emailTo());
        if (to.isEmpty()) {
            return failed(
                    mail, FailureType.MAIL_EMAIL_INVALID, "'" + mail.emailTo() + "' is not a valid email address");
        }
        MailableMessage message = content.message();
        Optional<EmailAddress> sender = sender(message);
        if (sender.isEmpty()) {
            return message.authorEmail() != null
                            && EmailAddress.tryParse(message.authorEmail()).isEmpty()
                    ? failed(
                            mail,
                            FailureType.MAIL_FROM_INVALID,
                            "the author's address '" + message.authorEmail() + "' is invalid")
                    : failed(
                            mail,
                            FailureType.MAIL_FROM_MISSING,
                            "the author has no email and there is no notifications address (mail.default.from, mail.catchall.domain)");
        }
        Optional<ServerChoice> choice = MailServerSelector.choose(
                sender.get(), context.servers(), context.notifications(), context.configured());
        Optional<DeliveryPlan> waiting = waitingForAServer(mail, choice);
        if (waiting.isPresent()) {
            return waiting.get();
        }
        return new DeliveryPlan.Send(
                mail,
                (from, recipient, replyTo, now) -> NotificationComposer.compose(content, from, recipient, replyTo, now),
                choice.get(),
                envelope(mail.id(), choice.get()),
                MailHeaders.address(to.get().displayName(), to.get().address()),
                MailHeaders.replyTo(
                        content.aliasEmail(),
                        context.catchallAddress().orElse(null),
                        context.companyName(),
                        message.recordName(),
                        sender.get()));
    }

    /**
     * Plans an answer to a sender, composed when it was queued: it goes from its own From (the bounce address),
     * through the server the ladder chooses for that address, without Reply-To.
     */
    DeliveryPlan planAnswer(OutgoingMail mail, PreparedAnswer answer) {
        Optional<EmailAddress> to = EmailAddress.tryParse(mail.emailTo());
        if (to.isEmpty()) {
            return failed(
                    mail, FailureType.MAIL_EMAIL_INVALID, "'" + mail.emailTo() + "' is not a valid email address");
        }
        Optional<ServerChoice> choice = MailServerSelector.choose(
                answer.from(), context.servers(), context.notifications(), context.configured());
        Optional<DeliveryPlan> waiting = waitingForAServer(mail, choice);
        if (waiting.isPresent()) {
            return waiting.get();
        }
        return new DeliveryPlan.Send(
                mail,
                (from, recipient, replyTo, now) -> answer.as(from),
                choice.get(),
                envelope(mail.id(), choice.get()),
                MailHeaders.address(to.get().displayName(), to.get().address()),
                null);
    }

    /**
     * A mail waits, without counting an attempt, while there is no server, or while the one chosen may not be used (in
     * hosted mode, port 25: a configuration the administrator must fix, and the mail goes once it is fixed).
     */
    private Optional<DeliveryPlan> waitingForAServer(OutgoingMail mail, Optional<ServerChoice> choice) {
        Optional<String> reason = choice.isEmpty()
                ? Optional.of(NO_SERVER)
                : MailServers.refusal(choice.get().server(), context.hosted());
        return reason.map(why -> new DeliveryPlan.Settle(mail, new DeliveryResult.Deferred(why)));
    }

    /** The author as "Name <email>"; an author without email writes from the notifications address. */
    private Optional<EmailAddress> sender(MailableMessage message) {
        if (message.authorEmail() != null) {
            return EmailAddress.tryParse(message.authorEmail())
                    .map(a -> new EmailAddress(
                            message.authorName() != null ? message.authorName() : a.displayName(), a.address()));
        }
        return context.notifications().map(n -> new EmailAddress(message.authorName(), n.address()));
    }

    String envelope(long mailId, ServerChoice choice) {
        Optional<EmailAddress> bounce = context.bounceAddress();
        if (bounce.isPresent() && choice.server().fromFilter().accepts(bounce.get())) {
            return verp.encode(context.bounceAlias(), mailId, bounce.get().domain());
        }
        return MailHeaders.asciiDomain(choice.from().address());
    }

    private static DeliveryPlan failed(OutgoingMail mail, FailureType type, String reason) {
        return new DeliveryPlan.Settle(mail, new DeliveryResult.Failed(type, reason));
    }
}
