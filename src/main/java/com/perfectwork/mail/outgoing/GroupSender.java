package com.perfectwork.mail.outgoing;

import com.perfectwork.mail.core.MailOutcomes;
import com.perfectwork.mail.settings.MailDomainSettings;
import jakarta.mail.MessagingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the mails planned for one server: within the daily limit, over reused connections (at most
 * {@code mail.session.batch.size} mails each, {@code perfectwork.mail.queue.connections} at once), each mail only
 * while its claim holds it ({@link ClaimLease}), and records outcomes every {@value #FLUSH_EVERY} mails (and every
 * few seconds). A crash can therefore resend at most the mails accepted since the last flush of each connection.
 */
@Component
class GroupSender implements DisposableBean {

    static final int FLUSH_EVERY = 50;
    /** Outcomes are written at least this often, so that the queue shows progress against a slow server. */
    static final Duration FLUSH_AFTER = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(GroupSender.class);

    private final OutgoingMails mails;
    private final DailyLimit dailyLimit;
    private final MinuteLimit minuteLimit;
    private final BulkMessages bulkMessages;
    private final MailDomainSettings mailSettings;
    private final OutgoingSettings settings;
    private final QueueMetrics metrics;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ExecutorService connections;
    private final SmtpConnections smtpConnections;
    private final ApplicationEventPublisher events;
    private final List<MailSigner> signers;
    private final TransactionalFirst transactionalFirst;
    private final SmtpSignIn signIn;

    GroupSender(
            OutgoingMails mails,
            DailyLimit dailyLimit,
            MinuteLimit minuteLimit,
            BulkMessages bulkMessages,
            MailDomainSettings mailSettings,
            OutgoingSettings settings,
            QueueMetrics metrics,
            TransactionTemplate transactions,
            SmtpConnections smtpConnections,
            ApplicationEventPublisher events,
            List<MailSigner> signers,
            TransactionalFirst transactionalFirst,
            SmtpSignIn signIn,
            Clock clock) {
        this.transactionalFirst = transactionalFirst;
        this.events = events;
        this.signIn = signIn;
        this.signers = signers;
        this.mails = mails;
        this.dailyLimit = dailyLimit;
        this.minuteLimit = minuteLimit;
        this.bulkMessages = bulkMessages;
        this.mailSettings = mailSettings;
        this.settings = settings;
        this.metrics = metrics;
        this.transactions = transactions;
        this.smtpConnections = smtpConnections;
        this.clock = clock;
        this.connections =
                Executors.newFixedThreadPool(Math.max(1, settings.queue().connections()));
    }

    /**
     * Sends a group, or what of it the claim still holds: a mail the claim lost (taken over, canceled) is neither
     * sent nor written.
     */
    PassReport send(
            ClaimLease lease, List<DeliveryPlan.Send> planned, LocalDate today, int sessionBatch, RetrySchedule retry) {
        List<DeliveryPlan.Send> group =
                planned.stream().filter(plan -> lease.maySend(plan.mail().id())).toList();
        int granted = dailyLimit.reserve(group.size(), today, mailSettings.dailyLimit());
        PassReport report = record(
                lease,
                group.subList(granted, group.size()).stream()
                        .map(plan -> plan.mail().overDailyLimit(today))
                        .toList());
        // the server's rate per minute: the mails over it wait for the next minute
        MailServer server = group.isEmpty() ? null : group.get(0).choice().server();
        Instant minute = MinuteLimit.minuteOf(clock.instant());
        int allowed = server == null ? granted : minuteLimit.reserve(server, granted, minute);
        report = report.plus(overRate(lease, group.subList(allowed, granted), server, minute));
        // spread the group over the allowed connections, each carrying at most mail.session.batch.size mails
        int perConnection =
                (int) Math.ceil(allowed / (double) Math.max(1, settings.queue().connections()));
        List<List<DeliveryPlan.Send>> sessions =
                split(group.subList(0, allowed), Math.max(1, Math.min(sessionBatch, perConnection)));
        List<Future<PassReport>> running = new ArrayList<>();
        for (List<DeliveryPlan.Send> session : sessions) {
            running.add(connections.submit(() -> sendOverOneConnection(lease, session, sessionBatch, retry)));
        }
        for (Future<PassReport> future : running) {
            report = report.plus(join(future));
        }
        dailyLimit.release(granted - report.sent(), today);
        if (server != null) {
            minuteLimit.release(server, allowed - report.sent(), minute);
        }
        return report;
    }

    /**
     * The mails over the server's rate wait for the next minute; so do the other due mails of their mass mails, in
     * one statement, since they would take the same server (the ladder chooses by the same From, a dedicated server
     * is the same): a backlog of 100 000 is not claimed again and again only to wait.
     */
    private PassReport overRate(ClaimLease lease, List<DeliveryPlan.Send> over, MailServer server, Instant minute) {
        if (over.isEmpty()) {
            return PassReport.NONE;
        }
        PassReport report = record(
                lease,
                over.stream().map(plan -> plan.mail().overRate(server, minute)).toList());
        bulkMessages.park(
                massMailings(over),
                OutgoingMail.nextMinute(minute),
                OutgoingMail.overRateReason(server),
                clock.instant());
        return report;
    }

    /**
     * Sends over one connection, each mail only while the claim holds it. A connection that cannot be opened settles
     * every mail with that failure. A database failure while recording stops the connection and propagates: the
     * unrecorded mails stay claimed and are taken up again when the claim lapses (the crash case, with the same bound).
     */
    private PassReport sendOverOneConnection(
            ClaimLease lease, List<DeliveryPlan.Send> plans, int sessionBatch, RetrySchedule retry) {
        MailServer server = plans.get(0).choice().server();
        SmtpSignIn.SignedIn signedIn;
        try {
            signedIn = signIn.open(
                    server,
                    secret -> smtpConnections.open(
                            server, secret, heloName(), settings.queue().timeout(), plans.size(), sessionBatch));
        } catch (MessagingException | RuntimeException e) {
            return unreachable(lease, plans, e, retry);
        }
        if (signedIn instanceof SmtpSignIn.SignedIn.Waiting waiting) {
            return waitForSignIn(lease, plans, waiting.reason());
        }
        SmtpSignIn.SignedIn.Open open = (SmtpSignIn.SignedIn.Open) signedIn;
        boolean recorded = false;
        try {
            PassReport report = sendAll(open.session(), lease, plans, retry);
            recorded = true;
            return report;
        } finally {
            // handed on to the next pass only once its outcomes are written; closed when recording failed half-way
            if (recorded) {
                smtpConnections.release(
                        open.session(),
                        server,
                        open.secret(),
                        heloName(),
                        settings.queue().timeout(),
                        sessionBatch);
            } else {
                open.session().close();
            }
        }
    }

    /** The server could not be reached or refused the sign-in: every mail the claim holds takes that failure. */
    private PassReport unreachable(ClaimLease lease, List<DeliveryPlan.Send> plans, Exception e, RetrySchedule retry) {
        DeliveryResult result = SmtpFailures.classify(e);
        String transcript = SmtpSession.Transcript.of(e);
        log.warn("Cannot connect to {}: {}", plans.get(0).choice().server().label(), SmtpFailures.words(e));
        return record(
                lease,
                plans.stream()
                        .filter(plan -> lease.maySend(plan.mail().id()))
                        .map(plan -> plan.mail().record(plan, result, transcript, clock.instant(), retry))
                        .toList());
    }

    /**
     * Sends the mails one after another over an open session, their outcomes recorded in flushes. Transactional mail
     * queued meanwhile goes with the next claim, before the rest of these mass mails: one mass mail a connection goes
     * first, so that a steady stream of comments slows a campaign but never stops it.
     */
    private PassReport sendAll(
            SmtpSession session, ClaimLease lease, List<DeliveryPlan.Send> plans, RetrySchedule retry) {
        Flushes flushes = new Flushes(lease);
        int massSent = 0;
        for (DeliveryPlan.Send plan : plans) {
            if (plan.mail().massMailing() && massSent > 0 && transactionalFirst.waiting()) {
                break;
            }
            if (!lease.maySend(plan.mail().id())) {
                continue; // no longer this claim's: another runner has it, or it waits for the next claim
            }
            if (plan.mail().massMailing()) {
                massSent++;
            }
            flushes.add(attempt(session, plan, retry));
        }
        return flushes.last();
    }

    /**
     * The outcomes of one connection, recorded every {@value #FLUSH_EVERY} mails and at least every
     * {@link #FLUSH_AFTER}: what a crash can resend is bounded by the first, what the queue shows of a slow server
     * by the second.
     */
    private final class Flushes {
        private final ClaimLease lease;
        private final List<OutgoingMail> pending = new ArrayList<>();
        private Instant lastFlush = clock.instant();
        private PassReport report = PassReport.NONE;

        Flushes(ClaimLease lease) {
            this.lease = lease;
        }

        void add(OutgoingMail outcome) {
            pending.add(outcome);
            if (pending.size() >= FLUSH_EVERY
                    || Duration.between(lastFlush, clock.instant()).compareTo(FLUSH_AFTER) > 0) {
                flush();
            }
        }

        PassReport last() {
            flush();
            return report;
        }

        private void flush() {
            report = report.plus(record(lease, pending));
            pending.clear();
            lastFlush = clock.instant();
        }
    }

    /**
     * The server's account must be connected (again): its mails wait, none counts an attempt; so do the other due
     * mails of their mass mails, in one statement (they take the same server), rather than being claimed 50 at a time
     * only to wait again. All of them go once the account is connected.
     */
    private PassReport waitForSignIn(ClaimLease lease, List<DeliveryPlan.Send> plans, String reason) {
        log.warn("Mails for {} wait: {}", plans.get(0).choice().server().label(), reason);
        Instant now = clock.instant();
        PassReport report = record(
                lease,
                plans.stream()
                        .filter(plan -> lease.maySend(plan.mail().id()))
                        .map(plan -> plan.mail().waitForServer(now.plus(OutgoingMail.WAIT_FOR_A_SERVER), reason))
                        .toList());
        bulkMessages.park(massMailings(plans), now.plus(OutgoingMail.WAIT_FOR_A_SERVER), reason, now);
        return report;
    }

    /** The bulk messages of the mass mails among these plans, each once. */
    private static List<Long> massMailings(List<DeliveryPlan.Send> plans) {
        return plans.stream()
                .map(DeliveryPlan.Send::mail)
                .filter(mail -> mail.bulk() && mail.massMailing())
                .map(OutgoingMail::bulkMessageId)
                .distinct()
                .toList();
    }

    /**
     * Composes and sends one mail. A mail that cannot be composed (a bug, a content gone bad) is not sent: it counts
     * as an attempt and is retried on the schedule of temporary failures, then given up with the reason. Every kind
     * of mail (notifications, answers to senders, notices, mass mail) is composed here, and signed here once its From
     * is final: nothing may change it after the signers ran.
     */
    private OutgoingMail attempt(SmtpSession session, DeliveryPlan.Send plan, RetrySchedule retry) {
        SMTPMessage mail;
        try {
            mail = plan.composer()
                    .compose(MailHeaders.address(plan.choice().from()), plan.to(), plan.replyTo(), clock.instant());
            for (MailSigner signer : signers) {
                signer.sign(mail, plan.choice().from().domain());
            }
        } catch (MessagingException | RuntimeException e) {
            log.error(
                    "Cannot compose outgoing mail {} to {}",
                    plan.mail().id(),
                    plan.mail().emailTo(),
                    e);
            return plan.mail().defer("cannot compose the mail: " + e.getMessage(), clock.instant(), retry);
        }
        DeliveryResult result = session.send(mail, plan.envelopeFrom(), plan.to());
        // kept for what went wrong only: a delivered mail has its server's reply, and writing every delivered mail's
        // conversation would cost the queue's busiest statement for nothing
        String transcript = result instanceof DeliveryResult.Accepted ? null : session.transcript();
        return plan.mail().record(plan, result, transcript, clock.instant(), retry);
    }

    /** Stores outcomes of the claim's mails while no extension of the claim runs (see {@link ClaimLease}). */
    PassReport record(ClaimLease lease, List<OutgoingMail> outcomes) {
        return lease.recording(outcomes.stream().map(OutgoingMail::id).toList(), () -> record(outcomes));
    }

    /**
     * Stores outcomes and publishes them, in one transaction: the chatter's notifications follow their mails
     * ({@link MailOutcomes}), a mailing's traces its mass mails ({@link BulkMailsDelivered}).
     */
    private PassReport record(List<OutgoingMail> outcomes) {
        if (outcomes.isEmpty()) {
            return PassReport.NONE;
        }
        transactions.executeWithoutResult(status -> {
            mails.save(outcomes);
            events.publishEvent(new MailOutcomes(outcomes.stream()
                    .map(OutgoingMail::outcome)
                    .flatMap(java.util.Optional::stream)
                    .toList()));
            BulkMail.publish(events, bulkOutcomes(outcomes));
        });
        PassReport report = PassReport.of(outcomes);
        metrics.count(report);
        return report;
    }

    /** The outcomes of the mass mails among these: sent, failed for good or canceled. */
    private List<BulkOutcome> bulkOutcomes(List<OutgoingMail> outcomes) {
        List<BulkOutcome> bulk = new ArrayList<>();
        Instant now = clock.instant();
        for (OutgoingMail mail : outcomes) {
            if (!mail.massMail()) {
                continue;
            }
            String state = switch (mail.state()) {
                case SENT -> BulkOutcome.SENT;
                case EXCEPTION -> BulkOutcome.FAILED;
                case CANCEL -> BulkOutcome.CANCELED;
                default -> null;
            };
            if (state != null) {
                bulk.add(new BulkOutcome(
                        mail.bulkMessageId(),
                        mail.bulkToken(),
                        state,
                        state.equals(BulkOutcome.SENT) ? null : mail.failureReason(),
                        mail.state() == MailState.SENT ? mail.sentAt() : now));
            }
        }
        return bulk;
    }

    private String heloName() {
        return mailSettings.catchallDomain().orElse("localhost");
    }

    private static List<List<DeliveryPlan.Send>> split(List<DeliveryPlan.Send> plans, int size) {
        List<List<DeliveryPlan.Send>> chunks = new ArrayList<>();
        for (int i = 0; i < plans.size(); i += size) {
            chunks.add(plans.subList(i, Math.min(plans.size(), i + size)));
        }
        return chunks;
    }

    private static PassReport join(Future<PassReport> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a connection failed unexpectedly", e.getCause());
        }
    }

    @Override
    public void destroy() {
        connections.shutdown();
    }
}
