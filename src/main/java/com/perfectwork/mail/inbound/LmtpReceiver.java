package com.perfectwork.mail.inbound;

import com.perfectwork.mail.settings.MailDomainSettings;
import com.perfectwork.mail.storage.FilestoreWriteException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.subethamail.smtp.internal.io.DotTerminatedInputStream;
import org.subethamail.smtp.internal.io.DotUnstuffingInputStream;

/**
 * The LMTP receiver (RFC 2033), for an MTA's {@code lmtp} transport: the SMTP dialogue with {@code LHLO}, and after
 * DATA one reply per accepted recipient. The mail is stored once for all of them (each recorded as a
 * {@code Delivered-To} line), so the replies share its outcome: {@code 250} once stored, {@code 452}/{@code 451}
 * to try again, {@code 552} over the size limit. Like the SMTP receiver it takes the alias domain only.
 *
 * <p>SubEthaSMTP, which serves SMTP, has no LMTP; this small server reuses its DATA decoding (dot-termination
 * and dot-unstuffing) and the same pipeline.
 */
@Component
public class LmtpReceiver implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LmtpReceiver.class);
    private static final Pattern PATH =
            Pattern.compile("^(?:MAIL FROM|RCPT TO):\\s*<([^>]*)>.*$", Pattern.CASE_INSENSITIVE);
    private static final int MAX_LINE = 4096;
    private static final int MAX_CONNECTIONS = 32;

    private final InboundPipeline pipeline;
    private final AliasDomainRecipients ours;
    private final MailDomainSettings mailSettings;
    private final LmtpReceiverSettings settings;
    private volatile ServerSocket socket;
    private volatile ExecutorService sessions;

    LmtpReceiver(
            InboundPipeline pipeline,
            AliasDomainRecipients ours,
            MailDomainSettings mailSettings,
            LmtpReceiverSettings settings) {
        this.pipeline = pipeline;
        this.ours = ours;
        this.mailSettings = mailSettings;
        this.settings = settings;
    }

    /** The port it listens on, when it runs. */
    public Optional<Integer> port() {
        return Optional.ofNullable(socket).map(ServerSocket::getLocalPort);
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            return;
        }
        try {
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getByName(settings.host()), settings.port()), 50);
            socket = server;
        } catch (IOException e) {
            throw new IllegalStateException(
                    "perfectwork.lmtp-receiver: cannot listen on " + settings.host() + ":" + settings.port(), e);
        }
        AtomicInteger count = new AtomicInteger();
        sessions = Executors.newFixedThreadPool(MAX_CONNECTIONS, task -> {
            Thread thread = new Thread(task, "lmtp-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Thread acceptor = new Thread(this::accept, "lmtp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        log.info("LMTP receiver listening on {}:{}", settings.host(), socket.getLocalPort());
    }

    private void accept() {
        ServerSocket server = socket;
        while (server != null && !server.isClosed()) {
            try {
                Socket client = server.accept();
                client.setSoTimeout((int) TimeUnit.MINUTES.toMillis(5));
                sessions.execute(() -> serve(client));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    log.warn("LMTP receiver: cannot accept a connection: {}", e.getMessage());
                }
            }
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

    private void serve(Socket client) {
        try (client;
                InputStream in = new BufferedInputStream(client.getInputStream());
                OutputStream out = new BufferedOutputStream(client.getOutputStream())) {
            new Session(in, out).run();
        } catch (SocketException e) {
            // the client went away: nothing was acknowledged that is not stored
        } catch (IOException e) {
            log.warn("LMTP session ended: {}", e.getMessage());
        }
    }

    /** One LMTP connection: LHLO, then transactions of MAIL, RCPT… and DATA. */
    private final class Session {
        private final InputStream in;
        private final OutputStream out;
        private boolean greeted;
        private boolean mail;
        private final List<String> recipients = new ArrayList<>();

        Session(InputStream in, OutputStream out) {
            this.in = in;
            this.out = out;
        }

        void run() throws IOException {
            String host = mailSettings.catchallDomain().orElse("localhost");
            reply("220 " + host + " LMTP Perfectwork Mail ready");
            String line;
            while ((line = readLine()) != null) {
                String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "LHLO" -> {
                        greeted = true;
                        reset();
                        reply("250-" + host + "\r\n250-PIPELINING\r\n250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n"
                                + "250 SIZE " + settings.maxSize().toBytes());
                    }
                    case "HELO", "EHLO" -> reply("500 5.5.1 this is LMTP: say LHLO");
                    case "MAIL" -> mail(line);
                    case "RCPT" -> recipient(line);
                    case "DATA" -> data();
                    case "RSET" -> {
                        reset();
                        reply("250 2.0.0 Ok");
                    }
                    case "NOOP" -> reply("250 2.0.0 Ok");
                    case "VRFY" -> reply("252 2.5.0 cannot verify, but will try delivery");
                    case "QUIT" -> {
                        reply("221 2.0.0 Bye");
                        return;
                    }
                    default -> reply("500 5.5.2 command not recognized");
                }
            }
        }

        private void mail(String line) throws IOException {
            Matcher path = PATH.matcher(line);
            if (!greeted) {
                reply("503 5.5.1 say LHLO first");
            } else if (mail) {
                reply("503 5.5.1 nested MAIL command");
            } else if (!path.matches()) {
                reply("501 5.5.4 syntax: MAIL FROM:<address>");
            } else {
                mail = true;
                reply("250 2.1.0 Ok");
            }
        }

        private void recipient(String line) throws IOException {
            Matcher path = PATH.matcher(line);
            if (!mail) {
                reply("503 5.5.1 need MAIL before RCPT");
            } else if (!path.matches()) {
                reply("501 5.5.4 syntax: RCPT TO:<address>");
            } else {
                Optional<String> accepted = ours.accept(path.group(1));
                if (accepted.isPresent()) {
                    recipients.add(accepted.get());
                    reply("250 2.1.5 Ok");
                } else {
                    reply("550 " + AliasDomainRecipients.REFUSAL.formatted(path.group(1)));
                }
            }
        }

        /** Stores the mail once, then answers for each accepted recipient, as LMTP asks. */
        private void data() throws IOException {
            if (recipients.isEmpty()) {
                reply("503 5.5.1 no valid recipients");
                return;
            }
            reply("354 End data with <CR><LF>.<CR><LF>");
            StringBuilder deliveredTo = new StringBuilder();
            recipients.forEach(
                    r -> deliveredTo.append("Delivered-To: ").append(r).append("\r\n"));
            InputStream body = new DotUnstuffingInputStream(new DotTerminatedInputStream(in));
            String answer;
            try {
                InboundResult result = pipeline.receive(
                        new SequenceInputStream(
                                new ByteArrayInputStream(deliveredTo.toString().getBytes(StandardCharsets.US_ASCII)),
                                body),
                        "lmtp",
                        settings.maxSize(),
                        "perfectwork.lmtp-receiver.max-size");
                answer = "250 2.0.0 %s stored as " + result.logId() + " ("
                        + result.outcome().code() + ")";
            } catch (MailTooLargeException e) {
                answer = "552 5.3.4 %s " + e.getMessage();
            } catch (FilestoreWriteException e) {
                log.error(
                        "Cannot store a mail received over LMTP; the sender is told to try again: {}", e.getMessage());
                answer = "452 4.3.1 %s " + SmtpReceiver.INSUFFICIENT_STORAGE;
            } catch (RuntimeException e) {
                log.error("Cannot store a mail received over LMTP; the sender is told to try again", e);
                answer = "451 4.3.0 %s temporary problem storing the mail, try again later";
            }
            body.transferTo(OutputStream.nullOutputStream()); // the rest of a refused DATA, up to its final dot
            StringBuilder replies = new StringBuilder();
            for (int i = 0; i < recipients.size(); i++) {
                replies.append(i == 0 ? "" : "\r\n").append(answer.formatted("<" + recipients.get(i) + ">"));
            }
            reset();
            reply(replies.toString());
        }

        private void reset() {
            mail = false;
            recipients.clear();
        }

        private void reply(String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** One command line without its CRLF; null at the end of the stream. */
        private String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    String text = line.toString(StandardCharsets.US_ASCII);
                    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                }
                if (line.size() >= MAX_LINE) {
                    throw new IOException("command line longer than " + MAX_LINE + " bytes");
                }
                line.write(b);
            }
            return null;
        }
    }
}
