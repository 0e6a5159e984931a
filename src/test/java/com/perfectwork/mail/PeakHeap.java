package com.perfectwork.mail;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The largest heap a server process used while this sampler ran, read every 100 ms from its Prometheus metrics
 * (the sum of the heap pools: what the collector had not yet reclaimed at that moment, so an upper bound of what
 * the work needed, under the {@code -Xmx} it ran with).
 */
public final class PeakHeap implements AutoCloseable {

    private static final Pattern HEAP =
            Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\} (\\S+)");
    /** Micrometer's size of the old generation after the last collection: what the server kept alive. */
    private static final Pattern LIVE = Pattern.compile("(?m)^jvm_gc_live_data_size_bytes(?:\\{[^}]*\\})? (\\S+)");

    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong peakLive = new AtomicLong();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

    private PeakHeap(int port) {
        sampler.scheduleAtFixedRate(
                () -> {
                    try {
                        String metrics = ApiClient.anonymous(port)
                                .get("/actuator/prometheus")
                                .body();
                        peak.accumulateAndGet(sum(HEAP, metrics), Math::max);
                        peakLive.accumulateAndGet(sum(LIVE, metrics), Math::max);
                    } catch (RuntimeException e) {
                        // a sample missed (the server busy past the client's timeout) leaves the peak as it was
                    }
                },
                0,
                100,
                TimeUnit.MILLISECONDS);
    }

    public static PeakHeap of(ServerProcess server) {
        return new PeakHeap(server.port());
    }

    /** The peak so far, in MiB. */
    public long mebibytes() {
        return peak.get() >> 20;
    }

    /** The peak of the heap still in use after a collection, in MiB: what the work needed, garbage not counted. */
    public long liveMebibytes() {
        return peakLive.get() >> 20;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }

    private static long sum(Pattern metric, String metrics) {
        Matcher matcher = metric.matcher(metrics);
        long total = 0;
        while (matcher.find()) {
            total += (long) Double.parseDouble(matcher.group(1));
        }
        return total;
    }
}
