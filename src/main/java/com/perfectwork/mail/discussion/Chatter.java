package com.perfectwork.mail.discussion;

import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.core.MessageId;
import com.perfectwork.mail.core.UnknownIdException;
import com.perfectwork.mail.directory.Partner;
import com.perfectwork.mail.directory.Partners;
import com.perfectwork.mail.settings.MailDomainSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Posting on a record's thread, and reading it. One transaction stores the message, its attachments,
 * the author's following and the notifications, and publishes {@link MessagePosted}: either all of it
 * happens or none.
 */
@Component
public class Chatter {

    static final int MAX_SUBJECT_LENGTH = 998;

    private final Records records;
    private final Partners partners;
    private final Followers followers;
    private final Attachments attachments;
    private final BodySanitizer sanitizer;
    private final ChatterMessages messages;
    private final MailDomainSettings mailSettings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Chatter(
            Records records,
            Partners partners,
            Followers followers,
            Attachments attachments,
            BodySanitizer sanitizer,
            ChatterMessages messages,
            MailDomainSettings mailSettings,
            ApplicationEventPublisher events,
            Clock clock) {
        this.records = records;
        this.partners = partners;
        this.followers = followers;
        this.attachments = attachments;
        this.sanitizer = sanitizer;
        this.messages = messages;
        this.mailSettings = mailSettings;
        this.events = events;
        this.clock = clock;
    }

    /** Posts a comment (notifies followers and extra recipients but the author) or a note (notifies nobody). */
    @Transactional
    public ThreadMessage post(PostCommand command) {
        records.require(command.recordId());
        Partner author = partners.require(command.authorPartnerId());
        checkContent(command);
        List<Long> extras = existingPartners(command.extraRecipientIds());
        Instant now = clock.instant();
        String body = sanitizer.sanitize(command.body());
        long messageId = messages.insert(command, author, body, newMessageId(now), now);
        command.attachments().forEach(attachment -> attachments.store(messageId, attachment));
        int notified = command.type() == MessageType.COMMENT ? notifyRecipients(command, messageId, extras) : 0;
        events.publishEvent(new MessagePosted(messageId, command.recordId(), command.type(), notified));
        return messages.thread(command.recordId(), messageId).get(0);
    }

    /**
     * Posts a received mail: authored by the partner with the sender's normalized address (a follower of the
     * record first, else the partner of an active user, else the oldest such partner; none: shown by its From),
     * relayed to every follower but its author unless it is an auto-reply. Returns the new message's id; the
     * message is not read back, since the received mail's path needs nothing more of it.
     */
    @Transactional
    public long postEmail(EmailPost post) {
        // the record is not looked up again: the router found it, or it was just created (records are never deleted)
        Long author = !post.fromTrusted()
                ? null
                : messages.followerByEmail(post.recordId(), post.from())
                        .or(() -> post.from() == null
                                ? java.util.Optional.empty()
                                : partners.findByEmail(post.from().address()).stream()
                                        .findFirst()
                                        .map(Partner::id))
                        .orElse(null);
        attachments.check(post.attachments());
        boolean inlineImages = post.html() != null
                && post.attachments().stream()
                        .anyMatch(a -> a.contentId() != null && post.html().contains("cid:" + a.contentId()));
        // without inline images the body is final before the insert: no second write of it
        String html = post.html();
        long messageId =
                messages.insertEmail(post, author, inlineImages ? "" : sanitizer.sanitize(html), clock.instant());
        for (NewAttachment attachment : post.attachments()) {
            long attachmentId = attachments.store(messageId, attachment);
            if (inlineImages && attachment.contentId() != null) {
                // an inline image (cid:) becomes a link to the stored attachment, which the sanitizer keeps
                html = html.replace("cid:" + attachment.contentId(), "/api/attachments/" + attachmentId);
            }
        }
        if (inlineImages) {
            messages.setBody(messageId, sanitizer.sanitize(html));
        }
        linkRecipients(messageId, post, author);
        int notified = post.relay()
                ? messages.insertNotifications(messageId, post.recordId(), author == null ? -1 : author, List.of())
                : 0;
        events.publishEvent(new MessagePosted(messageId, post.recordId(), MessageType.EMAIL, notified));
        return messageId;
    }

    /**
     * Links the mail's recipients that are contacts (by normalized address, users' contacts first) to the message,
     * as its recipients: they had the mail from its sender, and are not notified again. No query for a mail sent
     * to the alias domain alone, as replies are.
     */
    private void linkRecipients(long messageId, EmailPost post, Long author) {
        if (post.recipients().isEmpty()) {
            return;
        }
        List<Long> linked =
                partners
                        .byEmails(post.recipients().stream()
                                .map(EmailAddress::normalized)
                                .toList())
                        .values()
                        .stream()
                        .filter(id -> !id.equals(author))
                        .distinct()
                        .toList();
        messages.linkRecipients(messageId, linked);
    }

    /**
     * The messages in threads whose Message-ID is one of these (exact comparison), newest first: one look-up for
     * everything a received mail may duplicate or answer.
     */
    public List<KnownMessage> withMessageIds(java.util.Collection<String> messageIds) {
        return messages.withMessageIds(messageIds);
    }

    /** The thread of a record, oldest first, each message with its attachments and notifications. */
    public List<ThreadMessage> thread(long recordId) {
        records.require(recordId);
        return messages.thread(recordId, null);
    }

    /** The author follows from now on; every follower and extra recipient but the author is notified. */
    private int notifyRecipients(PostCommand command, long messageId, List<Long> extras) {
        followers.follow(command.recordId(), command.authorPartnerId());
        return messages.insertNotifications(messageId, command.recordId(), command.authorPartnerId(), extras);
    }

    private List<Long> existingPartners(List<Long> ids) {
        List<Long> distinct = ids.stream().distinct().toList();
        var found = partners.byIds(distinct);
        distinct.stream().filter(id -> !found.containsKey(id)).findFirst().ifPresent(id -> {
            throw new UnknownIdException("partner", id);
        });
        return distinct;
    }

    private void checkContent(PostCommand command) {
        if (command.type() != MessageType.COMMENT && command.type() != MessageType.NOTE) {
            throw new InvalidInputException("type", "must be comment or note");
        }
        if ((command.body() == null || command.body().isBlank())
                && command.attachments().isEmpty()) {
            throw new InvalidInputException("body", "a message needs a body or an attachment");
        }
        if (command.subject() != null && command.subject().length() > MAX_SUBJECT_LENGTH) {
            throw new InvalidInputException("subject", "must be at most " + MAX_SUBJECT_LENGTH + " characters");
        }
        attachments.check(command.attachments());
    }

    private MessageId newMessageId(Instant now) {
        return MessageId.generate(now, mailSettings.catchallDomain().orElse("perfectwork.localhost"));
    }

    static String emailFrom(Partner author) {
        return author.email() == null
                ? null
                : EmailAddress.tryParse(author.email())
                        .map(a -> new EmailAddress(
                                        a.displayName() != null ? a.displayName() : author.name(), a.address())
                                .formatted())
                        .orElse(author.email());
    }
}
