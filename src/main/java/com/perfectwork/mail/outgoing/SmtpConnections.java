package com.perfectwork.mail.outgoing;

import jakarta.mail.MessagingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * SMTP connections kept open for {@value #KEEP_IDLE_SECONDS} seconds after a pass of the queue has used them, so that
 * the next pass (mail keeps coming while a server is busy) sends over them instead of connecting, greeting and
 * logging in again, as an MTA's connection cache does. A kept connection is taken again only for the same server with
 * the same settings (any change to the server makes a new one), is asked for a NOOP first (a server may have closed
 * it meanwhile), and carries at most {@code mail.session.batch.size} mails in all before it is closed. Connections
 * not taken within the time are closed.
 */
@Component
class SmtpConnections implements DisposableBean {

    static final int KEEP_IDLE_SECONDS = 5;

    /** What a connection was opened with: a kept one serves only the same. */
    private record Settings(MailServer server, String password, String heloName, Duration timeout) {}

    private record Kept(SmtpSession session, Instant since) {}

    private final Map<Settings, Deque<Kept>> kept = new ConcurrentHashMap<>();
    private final Clock clock;
    private final ScheduledExecutorService closer;

    SmtpConnections(Clock clock) {
        this.clock = clock;
        this.closer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "smtp-connection-closer");
            t.setDaemon(true);
            return t;
        });
        closer.scheduleWithFixedDelay(this::closeExpired, KEEP_IDLE_SECONDS, KEEP_IDLE_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * A connection to the server, logged in: a kept one that can carry {@code mails} more within {@code
     * maxPerConnection} and still answers, else a new one.
     */
    SmtpSession open(
            MailServer server, String password, String heloName, Duration timeout, int mails, int maxPerConnection)
            throws MessagingException {
        Deque<Kept> waiting = kept.get(new Settings(server, password, heloName, timeout));
        for (Kept candidate = poll(waiting); candidate != null; candidate = poll(waiting)) {
            if (fresh(candidate)
                    && candidate.session().sent() + mails <= maxPerConnection
                    && candidate.session().answers()) {
                return candidate.session();
            }
            candidate.session().close();
        }
        return SmtpSession.open(server, password, heloName, timeout);
    }

    /** Takes a connection back after a pass: kept for the next one if it is sound and has room, else closed. */
    void release(
            SmtpSession session,
            MailServer server,
            String password,
            String heloName,
            Duration timeout,
            int maxPerConnection) {
        if (session.sound() && session.sent() < maxPerConnection) {
            kept.computeIfAbsent(new Settings(server, password, heloName, timeout), k -> new ConcurrentLinkedDeque<>())
                    .addFirst(new Kept(session, clock.instant()));
        } else {
            session.close();
        }
    }

    private static Kept poll(Deque<Kept> waiting) {
        return waiting == null ? null : waiting.pollFirst();
    }

    private boolean fresh(Kept candidate) {
        return Duration.between(candidate.since(), clock.instant()).getSeconds() < KEEP_IDLE_SECONDS;
    }

    private void closeExpired() {
        // the map keeps one (possibly empty) queue per server settings seen: a handful
        for (Deque<Kept> waiting : kept.values()) {
            List<Kept> expired = new ArrayList<>();
            waiting.removeIf(candidate -> !fresh(candidate) && expired.add(candidate));
            expired.forEach(candidate -> candidate.session().close());
        }
    }

    @Override
    public void destroy() {
        closer.shutdownNow();
        kept.values()
                .forEach(waiting ->
                        waiting.forEach(candidate -> candidate.session().close()));
        kept.clear();
    }
}
