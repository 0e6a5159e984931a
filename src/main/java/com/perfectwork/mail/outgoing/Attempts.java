package com.perfectwork.mail.outgoing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Turns the result of an attempt (or of a decision not to attempt) into the mail's new state. */
final class Attempts {

    static final String DAILY_LIMIT = "daily limit reached";

    /** A mail that waits, without an attempt, for a server that may not be used now: due again after this long. */
    static final Duration WAIT_FOR_A_SERVER = Duration.ofSeconds(60);

    private Attempts() {}

    /**
     * @param plan the plan the mail was sent with, or null when it was settled without a connection
     */
    static MailUpdate outcome(
            OutgoingMail mail, DeliveryPlan.Send plan, DeliveryResult result, Instant now, RetrySchedule retry) {
        Long server =
                plan == null ? mail.mailServerId() : plan.choice().server().id();
        String from = plan == null ? mail.emailFrom() : plan.choice().from().formatted();
        String envelope = plan == null ? mail.envelopeFrom() : plan.envelopeFrom();
        String rule = plan == null ? mail.serverRule() : plan.choice().rule();
        if (result instanceof DeliveryResult.Accepted accepted) {
            return new MailUpdate(
                    mail.id(),
                    mail.notificationId(),
                    MailState.SENT,
                    mail.scheduledAt(),
                    mail.attempts() + 1,
                    firstAttempt(mail, now),
                    null,
                    null,
                    server,
                    from,
                    envelope,
                    accepted.reply(),
                    rule,
                    now,
                    null,
                    massMailOf(mail),
                    mail.massMailing() ? mail.bulkToken() : null);
        }
        if (result instanceof DeliveryResult.Failed failed) {
            return new MailUpdate(
                    mail.id(),
                    mail.notificationId(),
                    MailState.EXCEPTION,
                    mail.scheduledAt(),
                    mail.attempts() + (plan == null ? 0 : 1),
                    plan == null ? mail.firstAttemptAt() : firstAttempt(mail, now),
                    failed.type(),
                    failed.reason(),
                    server,
                    from,
                    envelope,
                    failed.reason(),
                    rule,
                    null,
                    null,
                    massMailOf(mail),
                    mail.massMailing() ? mail.bulkToken() : null);
        }
        DeliveryResult.Deferred deferred = (DeliveryResult.Deferred) result;
        if (plan == null) {
            // not attempted (no server yet): waits without counting an attempt
            return waiting(mail, now.plus(WAIT_FOR_A_SERVER), deferred.reason());
        }
        int attempts = mail.attempts() + 1;
        Instant first = firstAttempt(mail, now);
        if (retry.givesUp(first, now)) {
            return new MailUpdate(
                    mail.id(),
                    mail.notificationId(),
                    MailState.EXCEPTION,
                    mail.scheduledAt(),
                    attempts,
                    first,
                    FailureType.MAIL_SMTP,
                    "gave up after " + attempts + " attempts: " + deferred.reason(),
                    server,
                    from,
                    envelope,
                    deferred.reason(),
                    rule,
                    null,
                    null,
                    massMailOf(mail),
                    mail.massMailing() ? mail.bulkToken() : null);
        }
        return new MailUpdate(
                mail.id(),
                mail.notificationId(),
                MailState.OUTGOING,
                now.plus(retry.delayAfter(attempts)),
                attempts,
                first,
                FailureType.MAIL_SMTP,
                deferred.reason(),
                server,
                from,
                envelope,
                deferred.reason(),
                rule,
                null,
                null,
                massMailOf(mail),
                mail.massMailing() ? mail.bulkToken() : null);
    }

    /**
     * A mail that could not be prepared (an attachment missing from the data directory, say): counted as an
     * attempt and retried on the schedule of temporary failures, then given up like them, with the reason shown.
     */
    static MailUpdate unprepared(OutgoingMail mail, String reason, Instant now, RetrySchedule retry) {
        int attempts = mail.attempts() + 1;
        Instant first = firstAttempt(mail, now);
        return retry.givesUp(first, now)
                ? untried(
                        mail,
                        MailState.EXCEPTION,
                        mail.scheduledAt(),
                        attempts,
                        first,
                        FailureType.UNKNOWN,
                        "gave up after " + attempts + " attempts: " + reason)
                : untried(
                        mail,
                        MailState.OUTGOING,
                        now.plus(retry.delayAfter(attempts)),
                        attempts,
                        first,
                        FailureType.UNKNOWN,
                        reason);
    }

    /** A mail canceled when it came to be sent (a mass mail to a blacklisted address). */
    static MailUpdate canceled(OutgoingMail mail, String reason) {
        return untried(
                mail, MailState.CANCEL, mail.scheduledAt(), mail.attempts(), mail.firstAttemptAt(), null, reason);
    }

    /**
     * Its server's OAuth2 account must be connected (again): waits without an attempt, looked at again after a while,
     * and at once when the account is connected.
     */
    static MailUpdate waitingForSignIn(OutgoingMail mail, Instant now, String reason) {
        return waiting(mail, now.plus(WAIT_FOR_A_SERVER), reason);
    }

    /** Over the server's rate per minute: goes at the start of the next minute. */
    static MailUpdate overRate(OutgoingMail mail, MailServer server, Instant minute) {
        return waiting(mail, nextMinute(minute), overRateReason(server));
    }

    static Instant nextMinute(Instant minute) {
        return minute.plusSeconds(60);
    }

    static String overRateReason(MailServer server) {
        return "rate limit of " + server.ratePerMinute() + " mails a minute reached on " + server.label();
    }

    /** Over the daily limit: goes at the start of the next UTC day. */
    static MailUpdate overDailyLimit(OutgoingMail mail, LocalDate today) {
        return waiting(mail, today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), DAILY_LIMIT);
    }

    private static MailUpdate waiting(OutgoingMail mail, Instant until, String reason) {
        return untried(mail, MailState.OUTGOING, until, mail.attempts(), mail.firstAttemptAt(), null, reason);
    }

    /** An outcome reached without a connection: the last attempt's server, From and reply stay as they were. */
    private static MailUpdate untried(
            OutgoingMail mail,
            MailState state,
            Instant scheduledAt,
            int attempts,
            Instant first,
            FailureType type,
            String reason) {
        return new MailUpdate(
                mail.id(),
                mail.notificationId(),
                state,
                scheduledAt,
                attempts,
                first,
                type,
                reason,
                mail.mailServerId(),
                mail.emailFrom(),
                mail.envelopeFrom(),
                mail.smtpReply(),
                mail.serverRule(),
                null,
                null,
                massMailOf(mail),
                mail.massMailing() ? mail.bulkToken() : null);
    }

    /** The bulk message of a mass mail, whose outcomes are published; null for any other mail (a test mail). */
    private static Long massMailOf(OutgoingMail mail) {
        return mail.massMailing() ? mail.bulkMessageId() : null;
    }

    private static Instant firstAttempt(OutgoingMail mail, Instant now) {
        return mail.firstAttemptAt() == null ? now : mail.firstAttemptAt();
    }
}
