package com.perfectwork.mail.inbound;

import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.discussion.Chatter;
import com.perfectwork.mail.discussion.EmailPost;
import com.perfectwork.mail.discussion.Followers;
import com.perfectwork.mail.discussion.NewAttachment;
import com.perfectwork.mail.routing.Alias;
import com.perfectwork.mail.routing.AliasAdmission;
import com.perfectwork.mail.routing.AliasRecords;
import com.perfectwork.mail.routing.ContactPolicy;
import com.perfectwork.mail.routing.ParsedMail;
import com.perfectwork.mail.routing.SenderTrust;
import com.perfectwork.mail.settings.MailDomainSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Puts a routed mail into threads: a reply on its record; mail to aliases on each alias the sender may write to
 * (its contact policy, as the route says), a creating alias making a new record named after the subject, which a
 * known sender then follows. A From address that is not trusted ({@link SenderTrust}) names no contact: the message
 * has no author, the sender follows nothing, and the aliases for contacts or followers refuse it. Runs in the
 * pipeline's transaction.
 */
@Component
class ThreadDelivery {

    /** Where a mail to aliases went: the first thread it was posted in, or why every alias refused it. */
    sealed interface AliasOutcome {
        record Delivered(String model, long recordId, long messageId, boolean created) implements AliasOutcome {}

        record Refused(List<String> refusals) implements AliasOutcome {}
    }

    private final Chatter chatter;
    private final AliasRecords aliasRecords;
    private final Followers followers;
    private final ContactPolicy contactPolicy;
    private final MailDomainSettings settings;

    ThreadDelivery(
            Chatter chatter,
            AliasRecords aliasRecords,
            Followers followers,
            ContactPolicy contactPolicy,
            MailDomainSettings settings) {
        this.settings = settings;
        this.chatter = chatter;
        this.aliasRecords = aliasRecords;
        this.followers = followers;
        this.contactPolicy = contactPolicy;
    }

    /** Posts a reply on its record, under its contact when its From address is trusted; the new message's id. */
    long reply(ParsedMail mail, long recordId, SenderTrust trust) {
        return chatter.postEmail(post(mail, recordId, trust));
    }

    AliasOutcome toAliases(ParsedMail mail, List<AliasAdmission> aliases, SenderTrust trust) {
        AliasOutcome.Delivered first = null;
        boolean created = false;
        List<String> refused = new ArrayList<>();
        for (AliasAdmission admission : aliases) {
            if (admission instanceof AliasAdmission.Refused refusal) {
                refused.add(refusal.why());
                continue;
            }
            Alias alias = admission.alias();
            long recordId = alias.creates()
                    ? aliasRecords
                            .create(alias, mail.subject().isBlank() ? "(no subject)" : mail.subject())
                            .id()
                    : alias.recordId();
            if (alias.creates()) {
                created = true;
                if (trust.trusted()) {
                    // an address the mail does not authenticate subscribes no contact to the new record
                    contactPolicy.knownSender(mail.from()).ifPresent(partner -> followers.add(recordId, partner));
                }
            }
            long posted = chatter.postEmail(post(mail, recordId, trust));
            if (first == null) {
                first = new AliasOutcome.Delivered(alias.model(), recordId, posted, false);
            }
        }
        if (first == null) {
            return new AliasOutcome.Refused(refused);
        }
        return new AliasOutcome.Delivered(first.model(), first.recordId(), first.messageId(), created);
    }

    /** The mail's recipients outside the alias domain (ours: the catchall, aliases) other than its sender. */
    private List<EmailAddress> foreignRecipients(ParsedMail mail) {
        Optional<String> ours = settings.catchallDomain();
        return mail.recipients().stream()
                .filter(r -> ours.map(d -> !d.equalsIgnoreCase(r.domain())).orElse(true))
                .filter(r -> mail.from() == null
                        || !r.normalized().equals(mail.from().normalized()))
                .toList();
    }

    private EmailPost post(ParsedMail mail, long recordId, SenderTrust trust) {
        return new EmailPost(
                recordId,
                mail.from(),
                mail.subject(),
                mail.html(),
                mail.text(),
                mail.strippedText(),
                mail.messageId(),
                mail.attachments().stream()
                        .map(p -> NewAttachment.streamed(p.name(), p.mimetype(), p.content(), p.contentId()))
                        .toList(),
                !mail.autoReply(),
                foreignRecipients(mail),
                trust.trusted());
    }
}
