package com.perfectwork.mail.outgoing;

import com.perfectwork.mail.blacklist.AddressBlacklisted;
import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.core.MassMailMessageId;
import com.perfectwork.mail.core.MessageId;
import com.perfectwork.mail.core.UnknownIdException;
import com.perfectwork.mail.settings.MailDomainSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Mass mail: one message (a template, {@link BulkMessage}) for many recipients, sent through the queue after
 * transactional mail. Each recipient's mail is a queue row like any other (retried, bounced, shown in the queue),
 * composed when it is sent from the template and the recipient's token. Its server is the dedicated one (the bulk
 * message's, else the system parameter {@value #DEDICATED_SERVER}), chosen when the mail is sent, else the normal
 * ladder; a mail to a blacklisted address is canceled when it comes to be sent. Every outcome of a mass mail is
 * published as {@link BulkMailsDelivered}.
 */
@Component
public class BulkMail {

    /** The system parameter naming the server (its id) every mass mail goes through, unless its message names one. */
    public static final String DEDICATED_SERVER = "mass_mailing.outgoing_mail_server";

    static final int OUTCOMES_PER_EVENT = 1000;

    /** Headers the composition writes itself: a template may not set them. */
    private static final Set<String> RESERVED = Set.of(
            "from",
            "to",
            "cc",
            "bcc",
            "reply-to",
            "subject",
            "date",
            "message-id",
            "return-path",
            "mime-version",
            "content-type",
            "content-transfer-encoding",
            "list-unsubscribe",
            "list-unsubscribe-post",
            "precedence");

    /** RFC 5322 section 3.6.8: a field name is printable ASCII but the colon. */
    private static final Pattern FIELD_NAME = Pattern.compile("[!-9;-~]{1,76}");

    private final BulkMessages messages;
    private final MailServers servers;
    private final MailDomainSettings mailSettings;
    private final QueueRunner runner;
    private final OutgoingSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    BulkMail(
            BulkMessages messages,
            MailServers servers,
            MailDomainSettings mailSettings,
            QueueRunner runner,
            OutgoingSettings settings,
            ApplicationEventPublisher events,
            Clock clock) {
        this.settings = settings;
        this.messages = messages;
        this.servers = servers;
        this.mailSettings = mailSettings;
        this.runner = runner;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Stores the template once; returns its id. Its server is {@code message.mailServerId()} if set, else the system
     * parameter {@value #DEDICATED_SERVER} if set, else the normal ladder, resolved when each mail is sent (a change
     * of the parameter applies to the mails not sent yet).
     *
     * @throws InvalidInputException for a missing subject or body, an invalid From or Reply-To, an unknown server,
     *     a header the composition writes itself or that is not a header name
     */
    @Transactional
    public long create(BulkMessage message) {
        check(message);
        return messages.insert(message, clock.instant());
    }

    /**
     * Queues one mail per recipient, due at {@code at}, in the caller's transaction (batched inserts: call it with
     * pages of about a thousand). The queue runner is woken once the transaction commits (as on a post).
     */
    @Transactional
    public void queue(long bulkMessageId, List<BulkRecipient> recipients, Instant at) {
        BulkMessage message = require(bulkMessageId);
        if (recipients.isEmpty()) {
            return;
        }
        String domain = messageIdDomain(message);
        Instant now = clock.instant();
        List<BulkMessages.QueuedRecipient> rows = new ArrayList<>(recipients.size());
        for (BulkRecipient recipient : recipients) {
            rows.add(row(recipient, domain, now));
        }
        messages.enqueue(bulkMessageId, message, rows, at == null ? now : at, now);
        wake();
    }

    /**
     * Queues one mail of the template to {@code recipient} now, as transactional mail: it is not part of the mass
     * mail (not counted in its progress, no outcome published, not held by the blacklist). Returns the mail's id.
     */
    @Transactional
    public long queueTest(long bulkMessageId, BulkRecipient recipient) {
        BulkMessage message = require(bulkMessageId);
        Instant now = clock.instant();
        long id = messages.enqueueTest(bulkMessageId, message, row(recipient, messageIdDomain(message), now), now);
        wake();
        return id;
    }

    /**
     * Cancels every mail of the bulk message not yet sent (waiting, retrying or failed): state {@code cancel}, reason
     * "canceled", and their outcomes published. A mail being sent right now may still go. Returns how many.
     */
    @Transactional
    public int cancel(long bulkMessageId) {
        require(bulkMessageId);
        return cancelAndPublish(messages.cancelable(bulkMessageId), BulkOutcome.CANCELED);
    }

    /**
     * Cancels every mass mail to this address not yet sent, with {@code reason} ("unsubscribed", "blacklisted"…), and
     * publishes their outcomes. Transactional mail to the address is not touched. Returns how many.
     */
    @Transactional
    public int suppress(EmailAddress address, String reason) {
        return cancelAndPublish(messages.cancelableTo(address.normalized()), reason);
    }

    /** An address just blacklisted receives no more mass mail: its waiting ones are canceled in the same transaction. */
    @EventListener
    void on(AddressBlacklisted event) {
        EmailAddress.tryParse(event.email()).ifPresent(address -> suppress(address, BulkPlanner.BLACKLISTED));
    }

    /** The bulk message's mass mails by state. */
    public BulkProgress progress(long bulkMessageId) {
        require(bulkMessageId);
        return messages.progress(bulkMessageId);
    }

    private int cancelAndPublish(List<BulkMessages.QueuedBulkMail> mails, String reason) {
        List<BulkMessages.QueuedBulkMail> canceled = messages.cancel(mails, reason);
        Instant now = clock.instant();
        List<BulkOutcome> outcomes = canceled.stream()
                .map(mail -> new BulkOutcome(mail.bulkMessageId(), mail.token(), BulkOutcome.CANCELED, reason, now))
                .toList();
        publish(events, outcomes);
        return canceled.size();
    }

    /** Publishes outcomes, at most {@value #OUTCOMES_PER_EVENT} an event. */
    static void publish(ApplicationEventPublisher events, List<BulkOutcome> outcomes) {
        for (int from = 0; from < outcomes.size(); from += OUTCOMES_PER_EVENT) {
            events.publishEvent(new BulkMailsDelivered(
                    List.copyOf(outcomes.subList(from, Math.min(outcomes.size(), from + OUTCOMES_PER_EVENT)))));
        }
    }

    private void wake() {
        if (settings.queue().wakeOnPost()) {
            runner.wakeAfterCommit();
        }
    }

    private BulkMessages.QueuedRecipient row(BulkRecipient recipient, String domain, Instant now) {
        String email = recipient.email() == null ? null : recipient.email().strip();
        String emailTo = EmailAddress.tryParse(email)
                .map(address -> new EmailAddress(recipient.name(), address.address()).formatted())
                .orElse(email);
        String messageId = MassMailMessageId.canCarry(recipient.token())
                ? MassMailMessageId.of(recipient.token(), domain)
                : MessageId.generate(now, domain).value();
        return new BulkMessages.QueuedRecipient(emailTo, BulkMessages.normalized(email), recipient.token(), messageId);
    }

    /** The domain of a mass mail's Message-ID: the catchall domain, else the From's. */
    private String messageIdDomain(BulkMessage message) {
        return mailSettings
                .catchallDomain()
                .orElseGet(() ->
                        EmailAddress.parse(message.emailFrom(), "emailFrom").domain());
    }

    private BulkMessage require(long bulkMessageId) {
        return messages.find(bulkMessageId).orElseThrow(() -> new UnknownIdException("bulk message", bulkMessageId));
    }

    private void check(BulkMessage message) {
        if (message.subject() == null
                || message.subject().isBlank()
                || message.subject().length() > 1024) {
            throw new InvalidInputException("subject", "is required, at most 1024 characters");
        }
        if (isBlank(message.htmlBody()) && isBlank(message.textBody())) {
            throw new InvalidInputException("body", "an HTML or a text body is required");
        }
        EmailAddress.parse(message.emailFrom(), "emailFrom");
        if (!isBlank(message.replyTo())) {
            EmailAddress.parse(message.replyTo(), "replyTo");
        }
        if (message.mailServerId() != null
                && servers.find(message.mailServerId()).isEmpty()) {
            throw new InvalidInputException("mailServerId", "no outgoing mail server has id " + message.mailServerId());
        }
        if (message.headers() != null) {
            message.headers().forEach((name, value) -> {
                if (name == null || !FIELD_NAME.matcher(name.strip()).matches()) {
                    throw new InvalidInputException("headers", "'" + name + "' is not a header name");
                }
                if (RESERVED.contains(name.strip().toLowerCase(Locale.ROOT))) {
                    throw new InvalidInputException("headers", name + " is written by the composition itself");
                }
            });
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
