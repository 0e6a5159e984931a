package com.perfectwork.mail.web;

import com.perfectwork.mail.inbound.InboundStatistics;
import com.perfectwork.mail.outgoing.MailStatistics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The dashboard: the servers whose OAuth2 account must be connected (again), mails sent, failed and bounced per day
 * over the last 30 days, what waits in the queue and since when, and what became of the mail received in the same 30
 * days.
 */
@Controller
class DashboardController {

    static final int DAYS = 30;

    private final MailStatistics mails;
    private final InboundStatistics inbound;
    private final SignInAlerts signIns;
    private final Clock clock;

    DashboardController(MailStatistics mails, InboundStatistics inbound, SignInAlerts signIns, Clock clock) {
        this.mails = mails;
        this.inbound = inbound;
        this.signIns = signIns;
        this.clock = clock;
    }

    @GetMapping("/web/dashboard")
    String dashboard(Model model) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<MailStatistics.Day> days = mails.lastDays(today, DAYS);
        MailStatistics.Waiting waiting = mails.waiting();
        model.addAttribute("days", days);
        model.addAttribute("chart", DeliveryChart.of(days));
        model.addAttribute(
                "totals",
                new MailStatistics.Day(
                        today,
                        days.stream().mapToLong(MailStatistics.Day::sent).sum(),
                        days.stream().mapToLong(MailStatistics.Day::failed).sum(),
                        days.stream().mapToLong(MailStatistics.Day::bounced).sum()));
        model.addAttribute("waiting", waiting);
        model.addAttribute("signIns", signIns.current());
        model.addAttribute(
                "oldestWait",
                waiting.oldestSince()
                        .map(since -> waited(Duration.between(since, now)))
                        .orElse(null));
        model.addAttribute(
                "inbound",
                inbound.since(today.minusDays(DAYS - 1L).atStartOfDay().toInstant(ZoneOffset.UTC)));
        return "dashboard";
    }

    /** "12 s", "5 min", "3 h 10 min", "2 days". */
    static String waited(Duration waited) {
        long seconds = Math.max(0, waited.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min";
        }
        if (seconds < 2 * 86400) {
            return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
        }
        return seconds / 86400 + " days";
    }
}
