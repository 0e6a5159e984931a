package com.perfectwork.mail.outgoing;

import com.perfectwork.mail.blacklist.Blacklist;
import com.perfectwork.mail.discussion.MailableMessage;
import com.perfectwork.mail.discussion.Notifications;
import com.perfectwork.mail.routing.Alias;
import com.perfectwork.mail.routing.Aliases;
import com.perfectwork.mail.settings.ConfigParameters;
import com.perfectwork.mail.settings.DeploymentSettings;
import com.perfectwork.mail.settings.MailDomainSettings;
import com.perfectwork.mail.settings.Secrets;
import com.perfectwork.mail.storage.Filestore;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One pass of the queue: claim due mails, plan each (addresses, server, From, envelope), send them grouped
 * by server over reused connections, record every outcome. Repeats while mails are due.
 */
@Component
class DeliveryWorker {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final OutgoingMails mails;
    private final MailServers servers;
    private final MailDomainSettings mailSettings;
    private final ConfigParameters parameters;
    private final Notifications notifications;
    private final GroupSender sender;
    private final ClaimHeartbeat heartbeat;
    private final OutgoingSettings settings;
    private final DeploymentSettings deployment;
    private final VerpAddress verp;
    private final Aliases aliases;
    private final Filestore filestore;
    private final BulkMessages bulkMessages;
    private final Blacklist blacklist;
    private final TransactionalFirst transactionalFirst;
    private final Clock clock;
    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong claims = new AtomicLong();

    DeliveryWorker(
            OutgoingMails mails,
            MailServers servers,
            MailDomainSettings mailSettings,
            ConfigParameters parameters,
            Notifications notifications,
            GroupSender sender,
            ClaimHeartbeat heartbeat,
            OutgoingSettings settings,
            DeploymentSettings deployment,
            Secrets secrets,
            Aliases aliases,
            Filestore filestore,
            BulkMessages bulkMessages,
            Blacklist blacklist,
            TransactionalFirst transactionalFirst,
            Clock clock) {
        this.transactionalFirst = transactionalFirst;
        this.bulkMessages = bulkMessages;
        this.blacklist = blacklist;
        this.aliases = aliases;
        this.filestore = filestore;
        this.mails = mails;
        this.servers = servers;
        this.mailSettings = mailSettings;
        this.parameters = parameters;
        this.notifications = notifications;
        this.sender = sender;
        this.heartbeat = heartbeat;
        this.settings = settings;
        this.deployment = deployment;
        this.verp = new VerpAddress(secrets.derivedKey("verp"));
        this.clock = clock;
    }

    /** Delivers due mails until none is due (or {@code maxRounds} claims were made). */
    PassReport runPass(int maxRounds) {
        PassReport total = PassReport.NONE;
        for (int round = 0; round < maxRounds; round++) {
            transactionalFirst.claiming();
            Claim claim = new Claim(owner + "#" + claims.incrementAndGet(), clock.instant());
            List<OutgoingMail> claimed = mails.claim(
                    claim.token(),
                    claim.at(),
                    settings.queue().claimLease(),
                    settings.queue().claimSize(),
                    settings.queue().massClaimSize());
            if (claimed.isEmpty()) {
                break;
            }
            total = total.plus(deliver(claim, claimed));
        }
        return total;
    }

    /**
     * Plans and sends one claim, its lease extended by the heartbeat all along (the groups of a claim are sent one
     * after another, and a slow first server must not let the others' mails lapse to another runner).
     */
    private PassReport deliver(Claim claim, List<OutgoingMail> claimed) {
        try (ClaimLease lease =
                heartbeat.hold(claim, claimed.stream().map(OutgoingMail::id).toList())) {
            Planned planned = planAll(claimed);
            PassReport report = sender.record(
                    lease,
                    planned.settled().stream()
                            .filter(update -> lease.maySend(update.id()))
                            .toList());
            releaseIfAServerAppeared(planned.settled());
            parkWaitingForTheirServer(planned.settled());
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            for (List<DeliveryPlan.Send> group : planned.byServer().values()) {
                report = report.plus(sender.send(lease, group, today, sessionBatchSize(), retry()));
            }
            // the mass mails that gave way to transactional mail, and those the claim lost, go back to the queue now
            lease.letGoOfTheUnsent();
            return report;
        }
    }

    /** A claim planned: the mails to send, grouped by server, and those settled without a connection. */
    private record Planned(Map<String, List<DeliveryPlan.Send>> byServer, List<OutgoingMail> settled) {}

    private Planned planAll(List<OutgoingMail> claimed) {
        DeliveryContext context = context();
        DeliveryPlanner planner = new DeliveryPlanner(context, verp);
        Map<Long, Prepared> contents = contents(claimed);
        Bulk bulk = bulk(claimed, context, planner);
        Planned planned = new Planned(new LinkedHashMap<>(), new ArrayList<>());
        // transactional mail first: its server's group is sent first, and within a group it leads every connection
        List<OutgoingMail> inOrder = claimed.stream()
                .sorted(java.util.Comparator.comparing(OutgoingMail::massMailing))
                .toList();
        for (OutgoingMail mail : inOrder) {
            DeliveryPlan plan = mail.bulk() ? planBulk(bulk, mail) : plan(planner, mail, contents);
            if (plan instanceof DeliveryPlan.Send send) {
                planned.byServer()
                        .computeIfAbsent(serverKey(send.choice().server()), k -> new ArrayList<>())
                        .add(send);
            } else if (plan instanceof DeliveryPlan.Settle settle) {
                planned.settled().add(settle.mail().settle(settle.result(), clock.instant()));
            } else if (plan instanceof DeliveryPlan.Cancel cancel) {
                planned.settled().add(cancel.mail().cancel(cancel.reason()));
            } else if (plan instanceof DeliveryPlan.Unprepared unprepared) {
                planned.settled().add(unprepared.mail().defer(unprepared.reason(), clock.instant(), retry()));
            }
        }
        return planned;
    }

    /**
     * Mails found without a server wait a minute, unless a server was created meanwhile: then its creation
     * may have released the waiting mails before these were written as waiting, so they are released here.
     */
    private void releaseIfAServerAppeared(List<OutgoingMail> settled) {
        boolean waitedForAServer = settled.stream().anyMatch(u -> DeliveryPlanner.NO_SERVER.equals(u.failureReason()));
        if (waitedForAServer
                && (!servers.active().isEmpty() || servers.configured().isPresent())) {
            mails.releaseWaiting(DeliveryPlanner.NO_SERVER, clock.instant());
        }
    }

    /** The mass mails of a claim: their templates (read once per bulk message) and how to plan them. */
    private record Bulk(Map<Long, BulkTemplate> templates, BulkPlanner planner) {}

    private Bulk bulk(List<OutgoingMail> claimed, DeliveryContext context, DeliveryPlanner planner) {
        List<OutgoingMail> bulkMails =
                claimed.stream().filter(OutgoingMail::bulk).toList();
        if (bulkMails.isEmpty()) {
            return new Bulk(Map.of(), null);
        }
        Map<Long, BulkTemplate> templates = bulkMessages.templates(
                bulkMails.stream().map(OutgoingMail::bulkMessageId).toList());
        Set<String> blacklisted = blacklist.blacklistedAmong(bulkMails.stream()
                .filter(OutgoingMail::massMailing)
                .map(mail -> BulkMessages.normalized(mail.emailTo()))
                .filter(java.util.Objects::nonNull)
                .toList());
        return new Bulk(
                templates,
                new BulkPlanner(
                        context, planner, servers.list(), parameters.value(BulkMail.DEDICATED_SERVER), blacklisted));
    }

    private DeliveryPlan planBulk(Bulk bulk, OutgoingMail mail) {
        try {
            BulkTemplate template = bulk.templates().get(mail.bulkMessageId());
            if (template == null) {
                return new DeliveryPlan.Settle(
                        mail, new DeliveryResult.Failed(FailureType.UNKNOWN, "the bulk message no longer exists"));
            }
            return bulk.planner().plan(mail, template);
        } catch (RuntimeException e) {
            return unprepared(mail, e);
        }
    }

    /**
     * The other due mails of a mass mail whose dedicated server is inactive or missing wait too, in one statement,
     * instead of being claimed again and again only to wait.
     */
    private void parkWaitingForTheirServer(List<OutgoingMail> settled) {
        settled.stream()
                .filter(u -> u.massMail()
                        && u.failureReason() != null
                        && u.failureReason().startsWith(BulkPlanner.DEDICATED))
                .collect(java.util.stream.Collectors.groupingBy(
                        OutgoingMail::failureReason,
                        java.util.stream.Collectors.mapping(
                                OutgoingMail::bulkMessageId, java.util.stream.Collectors.toSet())))
                .forEach((reason, bulkMessageIds) -> bulkMessages.park(
                        bulkMessageIds, clock.instant().plus(OutgoingMail.WAIT_FOR_A_SERVER), reason, clock.instant()));
    }

    /** A message's content for its mails, or why it could not be made (an attachment's file missing…). */
    private record Prepared(NotificationComposer.Content content, RuntimeException failure) {}

    private DeliveryPlan plan(DeliveryPlanner planner, OutgoingMail mail, Map<Long, Prepared> contents) {
        try {
            if (mail.rawHash() != null) {
                return planAnswer(planner, mail);
            }
            Prepared prepared = contents.get(mail.chatterMessageId());
            if (prepared == null) {
                return new DeliveryPlan.Settle(
                        mail, new DeliveryResult.Failed(FailureType.UNKNOWN, "the message no longer exists"));
            }
            return prepared.failure() != null
                    ? unprepared(mail, prepared.failure())
                    : planner.plan(mail, prepared.content());
        } catch (IOException | MessagingException | RuntimeException e) {
            return unprepared(mail, e);
        }
    }

    private static DeliveryPlan unprepared(OutgoingMail mail, Exception e) {
        log.error("Cannot plan outgoing mail {} to {}", mail.id(), mail.emailTo(), e);
        return new DeliveryPlan.Unprepared(mail, "could not prepare the mail: " + e.getMessage());
    }

    /**
     * What the notifications of a claim are made of, by message id: each message, its attachments and its record's
     * alias read once for the whole claim (three queries), however many mails and messages it holds. A message
     * that no longer exists is missing.
     */
    private Map<Long, Prepared> contents(List<OutgoingMail> claimed) {
        List<Long> messageIds = claimed.stream()
                .filter(mail -> mail.rawHash() == null && !mail.bulk() && mail.chatterMessageId() != null)
                .map(OutgoingMail::chatterMessageId)
                .distinct()
                .toList();
        Map<Long, MailableMessage> messages = notifications.mailable(messageIds);
        Map<Long, Alias> recordAliases = aliases.ofRecords(messages.values().stream()
                .map(MailableMessage::recordId)
                .distinct()
                .toList());
        String domain = mailSettings.catchallDomain().orElse(null);
        Map<Long, Prepared> contents = new HashMap<>();
        for (MailableMessage message : messages.values()) {
            Alias alias = recordAliases.get(message.recordId());
            try {
                contents.put(
                        message.id(),
                        new Prepared(
                                NotificationComposer.prepare(
                                        message,
                                        recordLink(message.recordId()),
                                        alias == null ? null : alias.email(domain)),
                                null));
            } catch (RuntimeException e) {
                // only this message's mails are unprepared; the rest of the claim goes on
                contents.put(message.id(), new Prepared(null, e));
            }
        }
        return contents;
    }

    private DeliveryPlan planAnswer(DeliveryPlanner planner, OutgoingMail mail) throws IOException, MessagingException {
        byte[] raw;
        try (InputStream in = filestore.open(mail.rawHash())) {
            raw = in.readAllBytes();
        }
        return PreparedAnswer.of(raw)
                .map(answer -> planner.planAnswer(mail, answer))
                .orElseGet(() -> new DeliveryPlan.Settle(
                        mail, new DeliveryResult.Failed(FailureType.UNKNOWN, "the answer has no valid From")));
    }

    private DeliveryContext context() {
        return new DeliveryContext(
                servers.active(),
                servers.configured(),
                mailSettings.notificationsAddress(),
                mailSettings.catchallDomain(),
                mailSettings.catchallAlias(),
                mailSettings.bounceAlias(),
                mailSettings.companyName(),
                deployment.online());
    }

    private String recordLink(long recordId) {
        String base = deployment.baseUrl().endsWith("/") ? deployment.baseUrl() : deployment.baseUrl() + "/";
        return base + "web/records/" + recordId;
    }

    private int sessionBatchSize() {
        return Math.max(1, parameters.integer("mail.session.batch.size", 1000));
    }

    private RetrySchedule retry() {
        return RetrySchedule.of(settings.retry());
    }

    private static String serverKey(MailServer server) {
        return server.configured() ? "configured" : Long.toString(server.id());
    }
}
