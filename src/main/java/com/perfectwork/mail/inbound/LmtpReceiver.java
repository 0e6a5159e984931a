package com.perfectwork.mail.inbound;

import com.perfectwork.mail.settings.MailDomainSettings;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The LMTP receiver (RFC 2033), for an MTA's {@code lmtp} transport: the SMTP dialogue with {@code LHLO}, and after
 * DATA one reply per accepted recipient ({@link LmtpSession}). The mail is stored once for all of them (each
 * recorded as a {@code Delivered-To} line), so the replies share its outcome ({@link DataReception}). Like the SMTP
 * receiver it takes the alias domain only, with the same limits ({@link ReceiverLimits}): a connection beyond them
 * is answered {@code 421} at once, never queued.
 *
 * <p>SubEthaSMTP, which serves SMTP, has no LMTP; this small server reuses its DATA decoding (dot-termination
 * and dot-unstuffing) and the same pipeline.
 */
@Component
public class LmtpReceiver implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LmtpReceiver.class);

    private final InboundPipeline pipeline;
    private final AliasDomainRecipients ours;
    private final MailDomainSettings mailSettings;
    private final LmtpReceiverSettings settings;
    private final ProcessingSlots slots;
    private volatile ServerSocket socket;
    private volatile ExecutorService sessions;

    LmtpReceiver(
            InboundPipeline pipeline,
            AliasDomainRecipients ours,
            MailDomainSettings mailSettings,
            LmtpReceiverSettings settings,
            DataSource database) {
        this.pipeline = pipeline;
        this.ours = ours;
        this.mailSettings = mailSettings;
        this.settings = settings;
        this.slots = ProcessingSlots.fitting(settings.maxConcurrentMails(), database);
    }

    /** The port it listens on, when it runs. */
    public Optional<Integer> port() {
        return Optional.ofNullable(socket).map(ServerSocket::getLocalPort);
    }

    /** The slots its mails are processed in. */
    ProcessingSlots slots() {
        return slots;
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            return;
        }
        ReceiverLimits limits = settings;
        ReceiverLimits.check(limits, "perfectwork.lmtp-receiver");
        try {
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getByName(settings.host()), settings.port()), 50);
            socket = server;
        } catch (IOException e) {
            throw new IllegalStateException(
                    "perfectwork.lmtp-receiver: cannot listen on " + settings.host() + ":" + settings.port(), e);
        }
        AtomicInteger count = new AtomicInteger();
        // as many threads as admitted connections, which ConnectionCount bounds
        sessions = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "lmtp-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        ConnectionCount connections = new ConnectionCount(limits.maxConnections(), limits.maxConnectionsPerAddress());
        DataReception reception = new DataReception(
                pipeline, slots, MailSource.LMTP, settings.maxSize(), "perfectwork.lmtp-receiver.max-size");
        Thread acceptor = new Thread(() -> accept(connections, limits, reception), "lmtp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        log.info("LMTP receiver listening on {}:{}", settings.host(), socket.getLocalPort());
    }

    private void accept(ConnectionCount connections, ReceiverLimits limits, DataReception reception) {
        ServerSocket server = socket;
        while (server != null && !server.isClosed()) {
            try {
                Socket client = server.accept();
                InetAddress address = client.getInetAddress();
                Optional<String> refused = connections.admit(address);
                if (refused.isPresent()) {
                    refuse(client, refused.get());
                    continue;
                }
                client.setSoTimeout(limits.commandTimeoutMillis());
                sessions.execute(() -> {
                    try {
                        serve(client, limits, reception);
                    } finally {
                        connections.release(address);
                    }
                });
            } catch (IOException e) {
                if (!server.isClosed()) {
                    log.warn("LMTP receiver: cannot accept a connection: {}", e.getMessage());
                }
            }
        }
    }

    /** A connection beyond the limits: told so at once (RFC 5321 §3.8), and closed. */
    private static void refuse(Socket client, String why) {
        try (client) {
            client.getOutputStream().write(("421 4.7.0 " + why + "\r\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // gone already
        }
    }

    @Override
    public void stop() {
        ServerSocket server = socket;
        socket = null;
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                // closing to stop accepting: nothing else to do
            }
        }
        if (sessions != null) {
            sessions.shutdownNow();
            sessions = null;
        }
    }

    @Override
    public boolean isRunning() {
        return socket != null;
    }

    private void serve(Socket client, ReceiverLimits limits, DataReception reception) {
        SessionErrors errors = new SessionErrors(limits.maxErrors());
        try (client;
                InputStream in = new BufferedInputStream(errors.input(client.getInputStream()));
                OutputStream out = errors.output(new BufferedOutputStream(client.getOutputStream()))) {
            String host = mailSettings.catchallDomain().orElse("localhost");
            new LmtpSession(client, in, out, host, settings.maxSize().toBytes(), limits, ours, reception).run();
        } catch (SocketException e) {
            // the client went away: nothing was acknowledged that is not stored
        } catch (IOException e) {
            log.warn("LMTP session ended: {}", e.getMessage());
        }
    }
}
