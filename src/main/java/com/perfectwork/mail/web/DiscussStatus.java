package com.perfectwork.mail.web;

import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.inbound.IncomingServers;
import com.perfectwork.mail.outgoing.MailServer;
import com.perfectwork.mail.outgoing.MailServerSelector;
import com.perfectwork.mail.outgoing.MailServers;
import com.perfectwork.mail.outgoing.MailStatistics;
import com.perfectwork.mail.outgoing.ServerChoice;
import com.perfectwork.mail.scheduling.ScheduledAction;
import com.perfectwork.mail.scheduling.ScheduledActions;
import com.perfectwork.mail.settings.DeploymentSettings;
import com.perfectwork.mail.settings.MailDomainSettings;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.springframework.stereotype.Component;

/**
 * The status panel of Settings ‣ Discuss: the answers an administrator looks for before asking why no mail
 * went out or came in. Each line is worked out by the modules' own logic (the From policy by the server choice
 * that sending uses), so the panel cannot tell a different story than the server does.
 */
@Component
class DiscussStatus {

    /** One line of the panel; {@code ok} false marks what needs the administrator. */
    record Line(String label, String text, boolean ok) {}

    /** The documentation's example of a sender from another domain. */
    static final EmailAddress SAMPLE_SENDER = new EmailAddress("Admin", "admin@example.com");

    static final String FETCHMAIL = "mail_fetchmail";

    private final MailServers servers;
    private final MailDomainSettings mailSettings;
    private final DeploymentSettings deployment;
    private final ScheduledActions actions;
    private final IncomingServers incoming;
    private final MailStatistics statistics;
    private final Clock clock;
    private final PageTime time;

    DiscussStatus(
            MailServers servers,
            MailDomainSettings mailSettings,
            DeploymentSettings deployment,
            ScheduledActions actions,
            IncomingServers incoming,
            MailStatistics statistics,
            Clock clock,
            PageTime time) {
        this.statistics = statistics;
        this.clock = clock;
        this.servers = servers;
        this.mailSettings = mailSettings;
        this.deployment = deployment;
        this.actions = actions;
        this.incoming = incoming;
        this.time = time;
    }

    List<Line> lines() {
        List<MailServer> active = servers.active();
        Optional<MailServer> configured = servers.configured();
        return List.of(outgoing(active, configured), fromPolicy(active, configured), fetching(), dailyLimit());
    }

    private static Line outgoing(List<MailServer> active, Optional<MailServer> configured) {
        if (!active.isEmpty()) {
            return new Line(
                    "Outgoing server",
                    active.size() + " active; the first by priority is "
                            + active.get(0).label() + ".",
                    true);
        }
        return configured
                .map(server -> new Line(
                        "Outgoing server", "The server of the deployment configuration, " + server.label() + ".", true))
                .orElse(new Line(
                        "Outgoing server", "None: mails wait in the queue until an outgoing server is added.", false));
    }

    private Line fromPolicy(List<MailServer> active, Optional<MailServer> configured) {
        Optional<ServerChoice> choice =
                MailServerSelector.choose(SAMPLE_SENDER, active, mailSettings.notificationsAddress(), configured);
        String sample = SAMPLE_SENDER.formatted();
        if (choice.isEmpty()) {
            return new Line("From policy", "No server, so no From is chosen yet.", false);
        }
        ServerChoice chosen = choice.get();
        String through = " through " + chosen.server().label() + " (rule " + chosen.rule() + ").";
        if (chosen.rewritten()) {
            return new Line(
                    "From policy", sample + " is sent as " + chosen.from().formatted() + through, true);
        }
        return new Line("From policy", sample + " is sent unchanged" + through, true);
    }

    private Line fetching() {
        Optional<ScheduledAction> fetchmail = actions.findByCode(FETCHMAIL);
        if (fetchmail.isEmpty() || !fetchmail.get().active()) {
            return new Line("Fetching", "Off: the scheduled action Mail: Fetchmail Service is inactive.", false);
        }
        ScheduledAction action = fetchmail.get();
        String every = "On, every " + action.interval().inWords() + ", "
                + incoming.fetchable().size() + " incoming server(s) to fetch; ";
        if (action.lastRunAt() == null) {
            return new Line("Fetching", every + "not run yet.", true);
        }
        return new Line(
                "Fetching",
                every + "last run " + time.of(action.lastRunAt()) + ": " + action.lastRunStatus() + ".",
                !"failed".equals(action.lastRunStatus()));
    }

    private Line dailyLimit() {
        OptionalInt limit = mailSettings.dailyLimit();
        long today = statistics.sentOn(LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        String sent = today + " sent today (UTC).";
        if (limit.isEmpty()) {
            return new Line("Daily limit", "None; " + sent, true);
        }
        return new Line(
                "Daily limit",
                limit.getAsInt() + " mails a UTC day" + (deployment.online() ? " (hosted mode); " : "; ") + sent,
                today < limit.getAsInt());
    }
}
