package com.perfectwork.mail.inbound;

import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.routing.Alias;
import com.perfectwork.mail.routing.AliasAdmission;
import com.perfectwork.mail.routing.Route;
import com.perfectwork.mail.settings.ConfigParameters;
import com.perfectwork.mail.settings.MailDomainSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Stops mail loops (two auto-responders answering each other, a misconfigured forward): a sender who created
 * {@code mail.gateway.loop.threshold} records of a model, or posted that many messages on one record, within
 * {@code mail.gateway.loop.minutes} is stopped. Senders (or their domains) in {@code mail.gateway.allowed}
 * are exempt.
 */
@Component
class LoopGuard {

    private final InboundLog inboundLog;
    private final MailDomainSettings settings;
    private final ConfigParameters parameters;
    private final Clock clock;

    LoopGuard(InboundLog inboundLog, MailDomainSettings settings, ConfigParameters parameters, Clock clock) {
        this.inboundLog = inboundLog;
        this.settings = settings;
        this.parameters = parameters;
        this.clock = clock;
    }

    /** Why this mail is part of a loop; empty when it is not. */
    Optional<String> loop(EmailAddress sender, Route route) {
        if (sender == null || allowed(sender)) {
            return Optional.empty();
        }
        Instant since = clock.instant().minus(Duration.ofMinutes(settings.loopMinutes()));
        int threshold = settings.loopThreshold();
        if (route instanceof Route.Reply reply) {
            int posted =
                    inboundLog.countBySender(sender.normalized(), InboundOutcome.POSTED, null, reply.recordId(), since);
            return posted >= threshold
                    ? Optional.of("loop: " + sender.normalized() + " posted " + posted + " messages on record "
                            + reply.recordId() + " in the last " + settings.loopMinutes() + " minutes")
                    : Optional.empty();
        }
        if (route instanceof Route.ToAliases toAliases) {
            for (AliasAdmission admission : toAliases.aliases()) {
                // whether its contact policy admits the sender or not: a loop is stopped before it is answered
                Alias alias = admission.alias();
                if (alias.creates()) {
                    int created = inboundLog.countBySender(
                            sender.normalized(), InboundOutcome.CREATED, alias.model(), null, since);
                    if (created >= threshold) {
                        return Optional.of("loop: " + sender.normalized() + " created " + created + " " + alias.model()
                                + " records in the last " + settings.loopMinutes() + " minutes");
                    }
                }
            }
        }
        return Optional.empty();
    }

    private boolean allowed(EmailAddress sender) {
        String allowed = parameters.value("mail.gateway.allowed").orElse("");
        return Arrays.stream(allowed.split(","))
                .map(entry -> entry.strip().toLowerCase(Locale.ROOT))
                .filter(entry -> !entry.isEmpty())
                .anyMatch(entry -> entry.equals(sender.normalized()) || entry.equals(sender.domain()));
    }
}
