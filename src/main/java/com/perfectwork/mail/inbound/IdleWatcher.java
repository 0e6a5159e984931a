package com.perfectwork.mail.inbound;

import jakarta.mail.MessagingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread holding one server's connection: opens it, fetches what waits, then fetches again each time the
 * server announces mail. A lost connection is recorded on the server like a failed fetch and opened again
 * after a backoff; the fetch that follows a good connection clears the error.
 */
final class IdleWatcher implements Runnable {

    /** A connection that held this long was a good one: the next loss starts the backoff afresh. */
    private static final Duration HELD_WELL = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(IdleWatcher.class);

    private final IncomingServer server;
    private final Fetchmail fetchmail;
    private final ImapIdleSettings settings;
    private final Clock clock;
    private final Backoff backoff;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile IdleConnection connection;

    IdleWatcher(IncomingServer server, Fetchmail fetchmail, ImapIdleSettings settings, Clock clock) {
        this.server = server;
        this.fetchmail = fetchmail;
        this.settings = settings;
        this.clock = clock;
        this.backoff = new Backoff(settings.retryInitialDelay(), settings.retryMaxDelay());
        this.thread = new Thread(this, "imap-idle-" + server.id());
        this.thread.setDaemon(true);
    }

    /** The server as it was when watching began: a change of how to connect means a new watcher. */
    IncomingServer server() {
        return server;
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        while (!stopped) {
            Instant opened = clock.instant();
            try {
                hold();
            } catch (MessagingException | RuntimeException | Error e) {
                // an Error too: a watcher that died would leave the server without push until a restart
                if (stopped) {
                    break;
                }
                if (Duration.between(opened, clock.instant()).compareTo(HELD_WELL) >= 0) {
                    backoff.reset();
                }
                fetchmail.connectionFailed(server.id(), e);
                pause(backoff.next());
            } catch (InterruptedException e) {
                break; // stopping
            }
        }
    }

    private void hold() throws MessagingException, InterruptedException {
        try (IdleConnection held = IdleConnection.open(fetchmail.open(server, Fetchmail.TIMEOUT), settings, clock)) {
            connection = held;
            log.info(
                    "Holding {} for push ({})",
                    server.label(),
                    held.pushes()
                            ? "IDLE"
                            : "no IDLE: polled every " + settings.poll().toSeconds() + " s");
            while (!stopped) {
                if (held.newMail()) {
                    fetchmail.fetchPushed(server.id());
                } else {
                    held.await();
                }
            }
        } finally {
            connection = null;
        }
    }

    /** Ends an IDLE older than the refresh interval; called from another thread. */
    void refreshIfDue() {
        IdleConnection held = connection;
        if (held != null) {
            try {
                held.refreshIfIdleSince(clock.instant().minus(settings.refresh()));
            } catch (MessagingException | RuntimeException e) {
                log.debug("Could not refresh the IDLE of {}: {}", server.label(), e.getMessage());
            }
        }
    }

    /**
     * Stops at once: the connection is closed under the waiting thread. Not by interrupting it: an interrupt
     * landing in a fetch would break its database work.
     */
    void stop() {
        synchronized (this) {
            stopped = true;
            notifyAll();
        }
        IdleConnection held = connection;
        if (held != null) {
            held.abort();
        }
    }

    void awaitEnd(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
    }

    private synchronized void pause(Duration delay) {
        long until = System.nanoTime() + delay.toNanos();
        try {
            for (long left = delay.toMillis(); !stopped && left > 0; left = (until - System.nanoTime()) / 1_000_000) {
                wait(left);
            }
        } catch (InterruptedException e) {
            stopped = true;
        }
    }
}
