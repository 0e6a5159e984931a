package com.perfectwork.mail.inbound;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Push for incoming servers: every confirmed, active IMAP server with {@code idle} set has one connection held
 * in IDLE, on one instance of the cluster (the one holding its lease), and is fetched as soon as the server
 * announces mail. Every check interval it looks again at which servers want push (so a server created,
 * changed, confirmed or deleted is taken up or let go within seconds), renews its leases, and ends IDLEs due
 * for a refresh.
 */
@Component
class ImapIdle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ImapIdle.class);

    private final IncomingServers servers;
    private final Fetchmail fetchmail;
    private final IdleLeases leases;
    private final ImapIdleSettings settings;
    private final Clock clock;
    private final Map<Long, IdleWatcher> watchers = new ConcurrentHashMap<>();
    private ScheduledExecutorService checker;
    private ExecutorService refresher;
    private volatile boolean running;

    ImapIdle(IncomingServers servers, Fetchmail fetchmail, IdleLeases leases, ImapIdleSettings settings, Clock clock) {
        this.servers = servers;
        this.fetchmail = fetchmail;
        this.leases = leases;
        this.settings = settings;
        this.clock = clock;
    }

    /** The servers whose connection this instance holds now. */
    List<Long> held() {
        return watchers.keySet().stream().sorted().toList();
    }

    private void check() {
        try {
            Map<Long, IncomingServer> wanted = servers.list().stream()
                    .filter(ImapIdle::wantsPush)
                    .collect(Collectors.toMap(IncomingServer::id, Function.identity()));
            watchers.forEach((id, watcher) -> {
                IncomingServer now = wanted.get(id);
                if (now == null) {
                    letGo(id, "deleted, or no longer a confirmed active IMAP server with push");
                } else if (!sameConnection(watcher.server(), now)) {
                    letGo(id, "how to connect to it changed");
                } else if (!leases.renew(id)) {
                    letGo(id, "its lease was taken over by another instance");
                }
            });
            wanted.values().stream()
                    .filter(server -> !watchers.containsKey(server.id()))
                    .filter(server -> leases.take(server.id()))
                    .forEach(this::hold);
            watchers.values().forEach(watcher -> refresher.execute(watcher::refreshIfDue));
        } catch (RuntimeException e) {
            log.warn("Could not check the servers held for push (IDLE): {}", e.getMessage());
        }
    }

    static boolean wantsPush(IncomingServer server) {
        return server.imap() && server.idle() && server.active() && "confirmed".equals(server.state());
    }

    private static boolean sameConnection(IncomingServer held, IncomingServer now) {
        return held.host().equals(now.host())
                && held.port() == now.port()
                && held.security().equals(now.security())
                && held.username().equals(now.username())
                && held.folder().equals(now.folder())
                && held.verifyCertificates() == now.verifyCertificates();
    }

    private void hold(IncomingServer server) {
        IdleWatcher watcher = new IdleWatcher(server, fetchmail, settings, clock);
        watchers.put(server.id(), watcher);
        watcher.start();
    }

    /** Stops the connection and releases the lease before the server leaves {@link #held()}, so it is free then. */
    private void letGo(long id, String why) {
        IdleWatcher watcher = watchers.get(id);
        if (watcher != null) {
            log.info("Letting go of {} held for push: {}", watcher.server().label(), why);
            watcher.stop();
            leases.release(id);
            watchers.remove(id);
        }
    }

    /** Starts checking; also called when a stopped context is started again, so the threads are made anew. */
    @Override
    public void start() {
        if (!settings.enabled()) {
            return;
        }
        checker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "imap-idle-check"));
        refresher = Executors.newCachedThreadPool(r -> daemon(r, "imap-idle-refresh"));
        running = true;
        checker.scheduleWithFixedDelay(this::check, 0, settings.check().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Closes every held connection and releases its lease, so another instance takes it over at once. */
    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        checker.shutdown(); // not shutdownNow: an interrupt landing in a check would break its database work
        try {
            checker.awaitTermination(10, TimeUnit.SECONDS);
            List<IdleWatcher> stopping = List.copyOf(watchers.values());
            List.copyOf(watchers.keySet()).forEach(id -> letGo(id, "stopping"));
            for (IdleWatcher watcher : stopping) {
                watcher.awaitEnd(Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        refresher.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
