package com.perfectwork.mail.outgoing;

import com.perfectwork.mail.core.ConflictException;
import com.perfectwork.mail.core.MailBounced;
import com.perfectwork.mail.core.MailCanceled;
import com.perfectwork.mail.core.MailFailed;
import com.perfectwork.mail.core.MailOutcome;
import com.perfectwork.mail.core.MailSent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * One mail to one recipient in the queue, with what its last attempt did: the server used, the envelope
 * sender, the server's reply, and the rule that chose the server. A notification is composed from its chatter
 * message when sent; an answer to a sender was composed whole when queued and is kept as {@code rawHash}; a mass mail is composed from
 * its bulk message ({@link BulkMail}) and its recipient's token.
 *
 * <p>Its life is its own: each transition below returns the mail as it is after it, and refuses a mail in a state it
 * does not start from. {@link OutgoingMails#save} writes what they return, a batch at a time.
 *
 * @param transcript the SMTP conversation of the last attempt, kept for one that did not deliver the mail; not read
 *     with the mail (null), written with each outcome
 */
public record OutgoingMail(
        long id,
        Long notificationId,
        Long chatterMessageId,
        Long recipientPartnerId,
        String emailTo,
        String emailFrom,
        String subject,
        String messageIdHeader,
        boolean massMailing,
        MailState state,
        Instant scheduledAt,
        int attempts,
        Instant firstAttemptAt,
        String failureType,
        String failureReason,
        Long mailServerId,
        String envelopeFrom,
        String smtpReply,
        String serverRule,
        Instant sentAt,
        Instant createdAt,
        String rawHash,
        Long bulkMessageId,
        String bulkToken,
        String transcript) {

    static final String DAILY_LIMIT = "daily limit reached";

    /** A mail that waits, without an attempt, for a server that may not be used now: due again after this long. */
    static final Duration WAIT_FOR_A_SERVER = Duration.ofSeconds(60);

    /** A mass mail: its template is a bulk message, its recipient's token replaces the template's placeholder. */
    public boolean bulk() {
        return bulkMessageId != null;
    }

    /** A mass mail of a mailing, whose outcomes its traces follow (not a test mail of one). */
    boolean massMail() {
        return bulk() && massMailing;
    }

    /**
     * What the server said to an attempt over a connection, with the plan it was sent by: accepted, the mail is sent;
     * refused for good, it failed; deferred, it is tried again on the schedule, until the schedule gives up.
     */
    OutgoingMail record(
            DeliveryPlan.Send plan, DeliveryResult result, String conversation, Instant now, RetrySchedule retry) {
        OutgoingMail attempted = claimed("record an attempt of").attempted(plan, now, conversation);
        if (result instanceof DeliveryResult.Accepted accepted) {
            return attempted.with(MailState.SENT, scheduledAt, null, null, accepted.reply(), now, null);
        }
        if (result instanceof DeliveryResult.Failed failed) {
            return attempted.with(
                    MailState.EXCEPTION,
                    scheduledAt,
                    failed.type(),
                    failed.reason(),
                    failed.reason(),
                    null,
                    conversation);
        }
        DeliveryResult.Deferred deferred = (DeliveryResult.Deferred) result;
        return attempted.deferred(FailureType.MAIL_SMTP, deferred.reason(), deferred.reason(), now, retry);
    }

    /**
     * Decided without a connection: an address that cannot be sent to fails (no attempt counted); a mail without a
     * usable server waits for one.
     */
    OutgoingMail settle(DeliveryResult result, Instant now) {
        claimed("settle");
        if (result instanceof DeliveryResult.Failed failed) {
            return with(MailState.EXCEPTION, scheduledAt, failed.type(), failed.reason(), failed.reason(), null, null);
        }
        if (result instanceof DeliveryResult.Deferred deferred) {
            return waitForServer(now.plus(WAIT_FOR_A_SERVER), deferred.reason());
        }
        throw new IllegalStateException("mail " + id + " cannot be accepted without a connection");
    }

    /**
     * Waits, without an attempt, until {@code until}: for a server (none usable, its account to be connected again),
     * for the next minute of its server's rate, for the next day of the daily limit. The last attempt's server, From
     * and reply stay as they were.
     */
    OutgoingMail waitForServer(Instant until, String reason) {
        return claimed("make wait").with(MailState.OUTGOING, until, null, reason, smtpReply, null, null);
    }

    /** Over the server's rate per minute: goes at the start of the next minute. */
    OutgoingMail overRate(MailServer server, Instant minute) {
        return waitForServer(nextMinute(minute), overRateReason(server));
    }

    /** Over the daily limit: goes at the start of the next UTC day. */
    OutgoingMail overDailyLimit(LocalDate today) {
        return waitForServer(today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), DAILY_LIMIT);
    }

    /**
     * Could not be prepared (an attachment missing from the data directory, a composition that failed): counted as
     * an attempt and deferred on the schedule of temporary failures, then given up like them, with the reason shown.
     */
    OutgoingMail defer(String reason, Instant now, RetrySchedule retry) {
        claimed("defer");
        OutgoingMail attempted = new OutgoingMail(
                id,
                notificationId,
                chatterMessageId,
                recipientPartnerId,
                emailTo,
                emailFrom,
                subject,
                messageIdHeader,
                massMailing,
                state,
                scheduledAt,
                attempts + 1,
                firstAttemptOr(now),
                failureType,
                failureReason,
                mailServerId,
                envelopeFrom,
                smtpReply,
                serverRule,
                sentAt,
                createdAt,
                rawHash,
                bulkMessageId,
                bulkToken,
                null);
        return attempted.deferred(FailureType.UNKNOWN, reason, smtpReply, now, retry);
    }

    /** Canceled when it came to be sent (a mass mail to a blacklisted address): why, instead of its last failure. */
    OutgoingMail cancel(String reason) {
        return claimed("cancel").with(MailState.CANCEL, scheduledAt, null, reason, smtpReply, null, null);
    }

    /**
     * Canceled by an administrator, waiting or failed (so that it is not retried by mistake): its last failure stays
     * shown.
     */
    OutgoingMail cancel() {
        if (!state.cancelable()) {
            throw new ConflictException("mail " + id + " is " + state.code() + " and cannot be canceled");
        }
        return new OutgoingMail(
                id,
                notificationId,
                chatterMessageId,
                recipientPartnerId,
                emailTo,
                emailFrom,
                subject,
                messageIdHeader,
                massMailing,
                MailState.CANCEL,
                scheduledAt,
                attempts,
                firstAttemptAt,
                failureType,
                failureReason,
                mailServerId,
                envelopeFrom,
                smtpReply,
                serverRule,
                sentAt,
                createdAt,
                rawHash,
                bulkMessageId,
                bulkToken,
                transcript);
    }

    /** Back in the queue, due now, as if new; a sent mail cannot be. */
    OutgoingMail requeue(Instant now) {
        if (!state.retryable()) {
            throw new ConflictException("mail " + id + " was already sent");
        }
        return new OutgoingMail(
                id,
                notificationId,
                chatterMessageId,
                recipientPartnerId,
                emailTo,
                emailFrom,
                subject,
                messageIdHeader,
                massMailing,
                MailState.OUTGOING,
                now,
                0,
                null,
                null,
                null,
                mailServerId,
                envelopeFrom,
                smtpReply,
                serverRule,
                sentAt,
                createdAt,
                rawHash,
                bulkMessageId,
                bulkToken,
                transcript);
    }

    /** A server that accepted it sent a bounce later (again: the newest bounce's reason counts). */
    OutgoingMail bounced(String reason) {
        if (state != MailState.SENT && state != MailState.BOUNCE) {
            throw new ConflictException("mail " + id + " is " + state.code() + ": only a sent mail can bounce");
        }
        return with(MailState.BOUNCE, scheduledAt, FailureType.MAIL_BOUNCE, reason, smtpReply, sentAt, transcript);
    }

    /** The outcome others follow (the chatter's notifications), once the mail has one: a waiting mail has none. */
    Optional<MailOutcome> outcome() {
        return switch (state) {
            case SENT -> Optional.of(new MailSent(id, notificationId));
            case EXCEPTION -> Optional.of(new MailFailed(id, notificationId, failureType, failureReason));
            case BOUNCE -> Optional.of(new MailBounced(id, notificationId, failureType, failureReason));
            case CANCEL -> Optional.of(new MailCanceled(id, notificationId));
            case OUTGOING -> Optional.empty();
        };
    }

    static Instant nextMinute(Instant minute) {
        return minute.plusSeconds(60);
    }

    static String overRateReason(MailServer server) {
        return "rate limit of " + server.ratePerMinute() + " mails a minute reached on " + server.label();
    }

    /** The transitions of a claimed mail start from {@code outgoing}: any other is a mail the claim no longer holds. */
    private OutgoingMail claimed(String transition) {
        if (state != MailState.OUTGOING) {
            throw new IllegalStateException("cannot " + transition + " mail " + id + ": it is " + state.code());
        }
        return this;
    }

    /** One more attempt, by this plan: its server, From, envelope and rule are the mail's from now on. */
    private OutgoingMail attempted(DeliveryPlan.Send plan, Instant now, String conversation) {
        return new OutgoingMail(
                id,
                notificationId,
                chatterMessageId,
                recipientPartnerId,
                emailTo,
                plan.choice().from().formatted(),
                subject,
                messageIdHeader,
                massMailing,
                state,
                scheduledAt,
                attempts + 1,
                firstAttemptOr(now),
                failureType,
                failureReason,
                plan.choice().server().id(),
                plan.envelopeFrom(),
                smtpReply,
                plan.choice().rule(),
                sentAt,
                createdAt,
                rawHash,
                bulkMessageId,
                bulkToken,
                conversation);
    }

    /** An attempt that did not go through for now: tried again after the schedule's delay, or given up. */
    private OutgoingMail deferred(FailureType type, String reason, String reply, Instant now, RetrySchedule retry) {
        if (retry.givesUp(firstAttemptAt, now)) {
            return with(
                    MailState.EXCEPTION,
                    scheduledAt,
                    type,
                    "gave up after " + attempts + " attempts: " + reason,
                    reply,
                    null,
                    transcript);
        }
        return with(MailState.OUTGOING, now.plus(retry.delayAfter(attempts)), type, reason, reply, null, transcript);
    }

    private Instant firstAttemptOr(Instant now) {
        return firstAttemptAt == null ? now : firstAttemptAt;
    }

    private OutgoingMail with(
            MailState newState,
            Instant due,
            FailureType type,
            String reason,
            String reply,
            Instant sent,
            String conversation) {
        return new OutgoingMail(
                id,
                notificationId,
                chatterMessageId,
                recipientPartnerId,
                emailTo,
                emailFrom,
                subject,
                messageIdHeader,
                massMailing,
                newState,
                due,
                attempts,
                firstAttemptAt,
                type == null ? null : type.code(),
                reason,
                mailServerId,
                envelopeFrom,
                reply,
                serverRule,
                sent,
                createdAt,
                rawHash,
                bulkMessageId,
                bulkToken,
                conversation);
    }
}
