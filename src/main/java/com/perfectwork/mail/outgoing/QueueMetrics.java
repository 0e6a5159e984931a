package com.perfectwork.mail.outgoing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The queue's metrics: {@code perfectwork_mail_sent_total}, {@code _failed_total}, {@code _deferred_total},
 * the queue depth and the age of the oldest queued mail (read from the database at each scrape, so they
 * are true for the whole cluster).
 */
@Component
class QueueMetrics {

    private final Counter sent;
    private final Counter failed;
    private final Counter deferred;

    QueueMetrics(MeterRegistry registry, OutgoingMails mails, Clock clock) {
        this.sent = Counter.builder("perfectwork.mail.sent")
                .description("Mails accepted by an SMTP server")
                .register(registry);
        this.failed = Counter.builder("perfectwork.mail.failed")
                .description("Mails failed for good")
                .register(registry);
        this.deferred = Counter.builder("perfectwork.mail.deferred")
                .description("Mails left for a later attempt (retries, waiting for a server or the daily limit)")
                .register(registry);
        Gauge.builder("perfectwork.mail.queue.depth", mails, OutgoingMails::depth)
                .description("Mails waiting in the queue")
                .register(registry);
        Gauge.builder(
                        "perfectwork.mail.queue.oldest.age",
                        mails,
                        m -> m.oldestQueued()
                                .map(oldest -> (double) Duration.between(oldest, clock.instant())
                                        .toSeconds())
                                .orElse(0.0))
                .baseUnit("seconds")
                .description("Age of the oldest mail waiting in the queue")
                .register(registry);
    }

    void count(PassReport report) {
        sent.increment(report.sent());
        failed.increment(report.failed());
        deferred.increment(report.deferred());
    }
}
