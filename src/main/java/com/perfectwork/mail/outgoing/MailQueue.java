package com.perfectwork.mail.outgoing;

import com.perfectwork.mail.core.ConflictException;
import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.core.MailOutcomes;
import com.perfectwork.mail.core.MailRequeued;
import com.perfectwork.mail.core.UnknownIdException;
import com.perfectwork.mail.discussion.MessagePosted;
import com.perfectwork.mail.discussion.Notifications;
import com.perfectwork.mail.discussion.PendingNotification;
import com.perfectwork.mail.discussion.ReadyNotifications;
import com.perfectwork.mail.oauth.OAuthConnected;
import com.perfectwork.mail.oauth.OAuthServer;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The mail queue (Settings ‣ Technical ‣ Email ‣ Emails): fed by every posted comment, processed by the
 * {@link QueueRunner}, inspected and corrected by administrators (retry, cancel, process now).
 */
@Component
public class MailQueue {

    private final OutgoingMails mails;
    private final Notifications notifications;
    private final QueueRunner runner;
    private final TransactionalFirst transactionalFirst;
    private final OutgoingSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    MailQueue(
            OutgoingMails mails,
            Notifications notifications,
            QueueRunner runner,
            TransactionalFirst transactionalFirst,
            OutgoingSettings settings,
            ApplicationEventPublisher events,
            Clock clock) {
        this.transactionalFirst = transactionalFirst;
        this.events = events;
        this.mails = mails;
        this.notifications = notifications;
        this.runner = runner;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Queues one mail per ready notification of a posted message, in the posting transaction: the message and its
     * mails are committed together or not at all, with no event to record and complete after the commit. The
     * runner is woken once it committed. Idempotent: a notification already queued is not queued again.
     */
    @EventListener
    void on(MessagePosted event) {
        if (event.notifications() == 0) {
            return;
        }
        ReadyNotifications ready = notifications.ready(event.messageId());
        if (ready.notifications().isEmpty()) {
            return;
        }
        mails.enqueue(
                ready.notifications().stream()
                        .map(n -> new PendingNotification(
                                n.notificationId(), n.messageId(), n.partnerId(), n.partnerName(), recipient(n)))
                        .toList(),
                ready.messageIdHeader(),
                ready.mailSubject(),
                clock.instant());
        transactionalFirst.queuedAfterCommit();
        if (settings.queue().wakeOnPost()) {
            runner.wakeAfterCommit();
        }
    }

    /** {@code "Partner Name" <address>} when the stored email is valid; as stored otherwise (it will fail visibly). */
    private static String recipient(PendingNotification n) {
        return EmailAddress.tryParse(n.email())
                .map(address -> new EmailAddress(n.partnerName(), address.address()).formatted())
                .orElse(n.email());
    }

    public List<OutgoingMail> list(MailState state, int offset, int limit) {
        return mails.search(state, null, offset, limit);
    }

    /**
     * A page of mails, the latest first, in {@code state} (null: any state) whose recipient or subject contains
     * {@code search} (null or blank: every mail), in any case.
     */
    public List<OutgoingMail> search(MailState state, String search, int offset, int limit) {
        return mails.search(state, search, offset, limit);
    }

    public Optional<OutgoingMail> find(long id) {
        return mails.find(id);
    }

    public OutgoingMail require(long id) {
        return mails.find(id).orElseThrow(() -> new UnknownIdException("mail", id));
    }

    /**
     * The SMTP conversation of the mail's last attempt when it failed or was deferred: commands and answers,
     * without credentials nor the message; empty for a delivered or untried mail.
     */
    public Optional<String> transcript(long id) {
        return mails.transcript(id);
    }

    /** Puts a failed, bounced, canceled or waiting mail back in the queue, due now; a sent mail cannot be retried. */
    @Transactional
    public OutgoingMail retry(long id) {
        OutgoingMail mail = require(id);
        OutgoingMail requeued = mail.requeue(clock.instant());
        if (!mails.save(requeued, mail.state())) {
            throw new ConflictException("mail " + id + " changed while it was retried: try again");
        }
        events.publishEvent(new MailOutcomes(List.of(new MailRequeued(id, mail.notificationId()))));
        if (!mail.massMailing()) {
            transactionalFirst.queuedAfterCommit();
        }
        runner.wakeAfterCommit();
        return require(id);
    }

    @Transactional
    public OutgoingMail cancel(long id) {
        OutgoingMail mail = require(id);
        OutgoingMail canceled = mail.cancel();
        if (!mails.save(canceled, mail.state())) {
            throw new ConflictException("mail " + id + " changed while it was canceled: try again");
        }
        publish(canceled, BulkOutcome.CANCELED, BulkOutcome.CANCELED);
        return require(id);
    }

    /**
     * A server that accepted a mail sent a bounce for it later: the mail and its notification show it (the red
     * envelope on the message). Empty when no sent mail has this id.
     */
    @Transactional
    public Optional<OutgoingMail> bounced(long id, String failureReason) {
        Optional<OutgoingMail> mail =
                mails.find(id).filter(found -> found.state() == MailState.SENT || found.state() == MailState.BOUNCE);
        if (mail.isEmpty()) {
            return Optional.empty();
        }
        OutgoingMail bounced = mail.get().bounced(failureReason);
        if (!mails.save(bounced, mail.get().state())) {
            return Optional.empty();
        }
        publish(bounced, BulkOutcome.BOUNCED, failureReason);
        return Optional.of(bounced);
    }

    /** The outcome of a mail no claim holds, for its notification and, a mass mail, its mailing's trace. */
    private void publish(OutgoingMail mail, String bulkState, String bulkReason) {
        mail.outcome().ifPresent(outcome -> events.publishEvent(new MailOutcomes(List.of(outcome))));
        if (mail.massMail()) {
            BulkMail.publish(
                    events,
                    List.of(new BulkOutcome(
                            mail.bulkMessageId(), mail.bulkToken(), bulkState, bulkReason, clock.instant())));
        }
    }

    /** The mails a chatter message went out as, one per recipient, oldest first. */
    public List<OutgoingMail> ofChatterMessage(long chatterMessageId) {
        return mails.ofChatterMessage(chatterMessageId);
    }

    /** One pass of the queue now, in the caller's thread. */
    public PassReport process() {
        return runner.runNow();
    }

    /**
     * Mails waiting for a server go at once when one is created, activated or changed (after that commit): those
     * that had none, and those whose server could not be used (port 25 in hosted mode).
     */
    @TransactionalEventListener(fallbackExecution = true)
    @Transactional(propagation = Propagation.REQUIRES_NEW) // after a commit, only a new transaction commits
    void on(MailServersChanged event) {
        mails.releaseWaiting(DeliveryPlanner.NO_SERVER, clock.instant());
        mails.releaseWaitingFor(MailServers.PORT_BLOCKED, clock.instant());
        mails.releaseWaitingStarting(BulkPlanner.DEDICATED, clock.instant());
        runner.wakeAfterCommit();
    }

    /** Mails waiting for an OAuth2 account to be connected go at once when one is (after that commit). */
    @TransactionalEventListener(fallbackExecution = true)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void on(OAuthConnected event) {
        if (event.server().kind() == OAuthServer.Kind.OUTGOING) {
            mails.releaseWaitingFor(SmtpSignIn.WAITS_FOR_ACCOUNT, clock.instant());
            runner.wakeAfterCommit();
        }
    }
}
