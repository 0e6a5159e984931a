package com.perfectwork.mail.routing;

import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.discussion.Chatter;
import com.perfectwork.mail.settings.MailDomainSettings;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Decides where a received mail goes, in the documented order ("Manage inbound messages"):
 * 1. a duplicate of a message already in a thread; 2. a bounce; 3. a reply to a known message, found by
 * an exact Message-ID of its In-Reply-To or References; otherwise 7. no route. (Aliases, the catchall
 * answer and the fallback model, rules 4 to 6, come with the aliases.)
 */
@Component
public class InboundRouter {

    private final Chatter chatter;
    private final MailDomainSettings settings;

    InboundRouter(Chatter chatter, MailDomainSettings settings) {
        this.chatter = chatter;
        this.settings = settings;
    }

    public Route route(ParsedMail mail) {
        // 1. duplicate: the same Message-ID is already in a thread
        if (!mail.messageIdGenerated() && chatter.hasMessageId(mail.messageId())) {
            return new Route.Duplicate("Message-ID " + mail.messageId() + " is already in a thread");
        }
        // 2. bounce: to the bounce address, a delivery status report, or from a mailer daemon
        Optional<String> bounce = bounceReason(mail);
        if (bounce.isPresent()) {
            return new Route.Bounce(bounce.get());
        }
        // 3. reply: the newest message whose Message-ID the mail names as an ancestor
        Optional<Long> record = chatter.recordOfMessageIds(mail.ancestors());
        if (record.isPresent()) {
            return new Route.Reply(record.get(), "reply to a message of record " + record.get());
        }
        // 7. nothing else matched
        return new Route.Dropped("no route: not a reply to a known message, and no alias matches");
    }

    private Optional<String> bounceReason(ParsedMail mail) {
        String alias = settings.bounceAlias().toLowerCase(Locale.ROOT);
        Optional<String> domain = settings.catchallDomain();
        for (EmailAddress recipient : mail.recipients()) {
            String local = recipient.localPart().toLowerCase(Locale.ROOT);
            boolean atOurDomain =
                    domain.map(d -> d.equalsIgnoreCase(recipient.domain())).orElse(true);
            if (atOurDomain && (local.equals(alias) || local.startsWith(alias + "+"))) {
                return Optional.of("sent to the bounce address " + recipient.address());
            }
        }
        String type = mail.contentType() == null
                ? ""
                : mail.contentType().toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
        if (type.startsWith("multipart/report") && type.contains("report-type=\"delivery-status\"")
                || type.startsWith("multipart/report") && type.contains("report-type=delivery-status")) {
            return Optional.of("a delivery status notification (multipart/report)");
        }
        if (mail.from() != null) {
            String sender = mail.from().localPart().toLowerCase(Locale.ROOT);
            if (sender.equals("mailer-daemon") || sender.equals("postmaster")) {
                return Optional.of("sent by " + mail.from().address());
            }
        }
        return Optional.empty();
    }
}
