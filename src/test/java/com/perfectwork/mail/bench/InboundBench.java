package com.perfectwork.mail.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.MailFixtures;
import com.perfectwork.mail.ServerProcess;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.server.SMTPServer;

/**
 * Inbound throughput benchmark (not a test: it asserts only that every mail was posted and every relay arrived).
 * Replies to a notification of a record with a few followers are sent by several concurrent senders, first over
 * SMTP to the receiver (one connection per sender, many mails per connection, as an MTA delivers), then to the
 * HTTP gateway (one request per mail, as a Postfix pipe does). Each reply is stored, routed to its thread, posted
 * and relayed to the other followers through a counting SMTP sink in this JVM. Prints, per source, the mails
 * posted per second, the per-mail latency (send to answer: the answer comes once the mail is posted) and when the
 * sink accepted the last relay. Runs on the database of SPRING_DATASOURCE_URL when set, else on the embedded H2.
 */
@Tag("bench")
class InboundBench {

    private static final int MAILS = Integer.getInteger("bench.mails", 15_000);
    private static final int SENDERS = Integer.getInteger("bench.senders", 8);
    private static final int FOLLOWERS = 4;
    /**
     * Mails sent through each source first and not measured, so that what is measured is a server that has run for a
     * while: on two cores shared with everything else, the JIT compiler keeps a third of a core busy for the first
     * two or three minutes (with a warm-up of 200 mails it was still compiling through the whole measurement).
     */
    private static final int WARM_UP = Integer.getInteger("bench.warmup", 20_000);

    private static final String DOMAIN = "mycompany.example";

    @TempDir
    Path dataDir;

    private final AtomicInteger relayed = new AtomicInteger();
    private final AtomicLong lastRelayAt = new AtomicLong();

    /**
     * {@code cpuMillis}: what the server process used from the first send to the last relay accepted;
     * {@code databaseCpuMillis} what the local PostgreSQL's processes used meanwhile (0 on H2, inside the server),
     * {@code benchCpuMillis} this JVM (the senders and the sink): the three shares of the machine's cores.
     */
    private record Figures(
            String source,
            int mails,
            long millis,
            List<Long> latencies,
            long lastRelayMillis,
            long cpuMillis,
            long databaseCpuMillis,
            long benchCpuMillis) {}

    /** Sends one reply and checks it was posted; returns nothing, throws on any other outcome. */
    private interface Sender extends AutoCloseable {
        void send(byte[] raw) throws Exception;

        @Override
        default void close() throws Exception {}
    }

    @Test
    void inboundThroughput() throws Exception {
        SMTPServer sink = SMTPServer.port(0)
                .messageHandler((context, from, to, data) -> {
                    relayed.incrementAndGet();
                    lastRelayAt.set(System.nanoTime());
                })
                .build();
        sink.start();
        int smtpPort = freePort();
        boolean postgres = System.getenv("SPRING_DATASOURCE_URL") != null;
        ServerProcess server = new ServerProcess(
                        dataDir,
                        List.of(),
                        List.of(
                                "PERFECTWORK_ADMIN_PASSWORD=bench-password",
                                "PERFECTWORK_SMTP_RECEIVER_ENABLED=true",
                                "PERFECTWORK_SMTP_RECEIVER_PORT=" + smtpPort))
                .heap("1g");
        if (postgres) {
            server.onCallersDatabase();
        }
        try (server) {
            server.start();
            ApiClient api = apiKey(server.port());
            api.get("/api/mail-servers")
                    .json()
                    .valueStream()
                    .forEach(s -> api.delete("/api/mail-servers/" + s.get("id").asLong()));
            api.put("/api/config-parameters/mail.catchall.domain", Map.of("value", DOMAIN));
            // a few followers replying thousands of times is what the loop guard stops: their domain is exempt, as
            // a partner's would be (a sender under the threshold costs one indexed count more per mail)
            api.put("/api/config-parameters/mail.gateway.allowed", Map.of("value", "customer.example"));
            api.post("/api/mail-servers", Map.of("name", "sink", "host", "127.0.0.1", "port", sink.getPortAllocated()));
            long record = api.post("/api/records", Map.of("model", "crm.lead", "name", "Inbound " + System.nanoTime()))
                    .id();
            String run = Long.toString(System.nanoTime(), 36);
            List<String> followers = new ArrayList<>();
            for (int i = 0; i < FOLLOWERS; i++) {
                String email = "follower" + i + "." + run + "@customer.example";
                api.post("/api/records/" + record + "/followers", Map.of("name", "Follower " + i, "email", email));
                followers.add(email);
            }
            String notification = api.post(
                            "/api/records/" + record + "/messages",
                            Map.of("subject", "Delivery of 50 chairs", "body", "<p>Can you confirm the date?</p>"))
                    .json()
                    .get("messageId")
                    .asString();
            awaitRelays(FOLLOWERS, Duration.ofSeconds(30));

            // how many relays one reply makes (the other followers), measured rather than assumed
            int before = relayed.get();
            try (Sender http = httpSender(api)) {
                http.send(reply(followers.get(0), notification));
            }
            Thread.sleep(2_000);
            int relaysPerReply = relayed.get() - before;
            assertThat(relaysPerReply).as("relays of one reply").isPositive();

            List<Figures> figures = new ArrayList<>();
            figures.add(measure(
                    "SMTP receiver", server, () -> smtpSender(smtpPort), followers, notification, relaysPerReply));
            figures.add(
                    measure("HTTP gateway", server, () -> httpSender(api), followers, notification, relaysPerReply));

            assertThat(api.get("/api/inbound-log?outcome=failed&limit=10")
                            .json()
                            .size())
                    .as("failed mails")
                    .isZero();
            print(postgres, relaysPerReply, figures);
            server.stop(); // gently, so that a profiling recording is written
        } finally {
            sink.stop();
        }
    }

    /** Warm-up, then MAILS replies by SENDERS concurrent senders; waits for every relay. */
    private Figures measure(
            String source,
            ServerProcess server,
            java.util.concurrent.Callable<Sender> senders,
            List<String> followers,
            String notification,
            int relaysPerReply)
            throws Exception {
        int warm = relayed.get();
        run(senders, WARM_UP, followers, notification);
        awaitRelays(warm + (long) relaysPerReply * WARM_UP, Duration.ofMinutes(5));
        int before = relayed.get();
        Duration cpuBefore = server.cpu();
        Duration databaseBefore = databaseCpu();
        Duration benchBefore = ownCpu();
        long start = System.nanoTime();
        List<Long> latencies = run(senders, MAILS, followers, notification);
        long millis = (System.nanoTime() - start) / 1_000_000;
        awaitRelays(before + (long) relaysPerReply * MAILS, Duration.ofMinutes(10));
        long cpuMillis = server.cpu().minus(cpuBefore).toMillis();
        long databaseMillis = databaseCpu().minus(databaseBefore).toMillis();
        long benchMillis = ownCpu().minus(benchBefore).toMillis();
        assertThat(relayed.get() - before).as("relays").isEqualTo(relaysPerReply * MAILS);
        return new Figures(
                source,
                MAILS,
                millis,
                latencies,
                (lastRelayAt.get() - start) / 1_000_000,
                cpuMillis,
                databaseMillis,
                benchMillis);
    }

    /**
     * The CPU time of the local PostgreSQL's processes (the server's pooled connections live through a run, so
     * their backends are counted whole); zero where there is none.
     */
    private static Duration databaseCpu() {
        return ProcessHandle.allProcesses()
                .filter(p ->
                        p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    private static Duration ownCpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Sends {@code count} replies from SENDERS threads, each with its own sender; returns the sorted latencies. */
    private static List<Long> run(
            java.util.concurrent.Callable<Sender> senders, int count, List<String> followers, String notification)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
        AtomicInteger next = new AtomicInteger();
        List<Future<List<Long>>> results = new ArrayList<>();
        for (int t = 0; t < SENDERS; t++) {
            results.add(pool.submit(() -> {
                List<Long> latencies = new ArrayList<>();
                try (Sender sender = senders.call()) {
                    for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                        byte[] raw = reply(followers.get(n % followers.size()), notification);
                        long start = System.nanoTime();
                        sender.send(raw);
                        latencies.add((System.nanoTime() - start) / 1_000);
                    }
                }
                return latencies;
            }));
        }
        pool.shutdown();
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> result : results) {
            all.addAll(result.get());
        }
        assertThat(all).hasSize(count);
        Collections.sort(all);
        return all;
    }

    /** A Gmail reply of a follower to the notification, with a Message-ID of its own. */
    private static byte[] reply(String from, String notification) {
        return MailFixtures.load(
                "replies/gmail-reply.eml",
                Map.of("FROM", from, "MESSAGE_ID", notification, "ROOT_ID", "root@elsewhere.example"));
    }

    /** One SMTP connection kept open for all its mails, as an MTA delivers a queue. */
    private static Sender smtpSender(int port) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(port));
        Session session = Session.getInstance(props);
        SMTPTransport transport = (SMTPTransport) session.getTransport("smtp");
        transport.connect();
        Address[] catchall = {new InternetAddress("catchall@" + DOMAIN)};
        return new Sender() {
            @Override
            public void send(byte[] raw) throws Exception {
                transport.sendMessage(new MimeMessage(session, new ByteArrayInputStream(raw)), catchall);
                String answer = transport.getLastServerResponse();
                if (!answer.contains("(posted)")) {
                    throw new AssertionError("not posted: " + answer);
                }
            }

            @Override
            public void close() throws MessagingException {
                transport.close();
            }
        };
    }

    /** One request per mail, as Postfix's pipe to curl sends them, with an API key. */
    private static Sender httpSender(ApiClient api) {
        return raw -> {
            ApiClient.Response response = api.postBytes("/api/inbound", "message/rfc822", raw);
            if (response.status() != 200
                    || !response.json().get("outcome").asString().equals("posted")) {
                throw new AssertionError("not posted: " + response.status() + " " + response.body());
            }
        };
    }

    private void awaitRelays(long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (relayed.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(relayed.get()).as("relays accepted by the sink").isGreaterThanOrEqualTo((int) count);
    }

    private static void print(boolean postgres, int relaysPerReply, List<Figures> figures) {
        System.out.printf(
                "%n| inbound benchmark, %s, %d concurrent senders, %d relays per reply, %d mails of warm-up per source,"
                        + " machine: %s |%n",
                postgres ? "PostgreSQL" : "H2 (embedded)", SENDERS, relaysPerReply, WARM_UP, Machine.describe());
        System.out.println("| source | mails | seconds | posted/s | p50 | p99 | last relay accepted | relays/s"
                + " | CPU per reply: server | database | senders and sink |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|");
        for (Figures f : figures) {
            System.out.printf(
                    "| %s | %d | %.1f | %.0f | %.1f ms | %.1f ms | %.1f s | %.0f | %.2f ms | %.2f ms | %.2f ms |%n",
                    f.source(),
                    f.mails(),
                    f.millis() / 1000.0,
                    f.mails() * 1000.0 / f.millis(),
                    percentile(f.latencies(), 50) / 1000.0,
                    percentile(f.latencies(), 99) / 1000.0,
                    f.lastRelayMillis() / 1000.0,
                    (double) f.mails() * relaysPerReply * 1000.0 / f.lastRelayMillis(),
                    (double) f.cpuMillis() / f.mails(),
                    (double) f.databaseCpuMillis() / f.mails(),
                    (double) f.benchCpuMillis() / f.mails());
        }
        System.out.println();
    }

    private static long percentile(List<Long> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ApiClient apiKey(int port) {
        ApiClient admin = ApiClient.basic(port, "admin", "bench-password");
        long adminId = admin.get("/api/users")
                .json()
                .valueStream()
                .filter(u -> u.get("login").asString().equals("admin"))
                .findFirst()
                .orElseThrow()
                .get("id")
                .asLong();
        return ApiClient.bearer(
                port,
                admin.post("/api/users/" + adminId + "/api-keys", Map.of("name", "bench"))
                        .json()
                        .get("key")
                        .asString());
    }
}
