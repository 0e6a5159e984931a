package com.perfectwork.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A real SMTP server (SubEthaSMTP) whose answers a test scripts: refuse a recipient with a given reply,
 * answer DATA with 451 a number of times before accepting. Records what it accepted, envelope included.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    /** A message it accepted, with the SMTP session (connection) it came over. */
    public record Accepted(String envelopeFrom, List<String> recipients, String data, String session) {

        private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID: (<[^>]+>)");

        /** Its recipients and Message-ID: the same mail sent twice has the same key. */
        public String key() {
            Matcher id = MESSAGE_ID.matcher(data);
            return recipients + (id.find() ? id.group(1) : "?");
        }
    }

    /** How many different mails (recipients and Message-ID) these accepted, a mail sent twice counted once. */
    public static int distinct(List<Accepted> accepted) {
        return (int) accepted.stream().map(Accepted::key).distinct().count();
    }

    private final Map<String, RejectException> refusedRecipients = new ConcurrentHashMap<>();
    private final AtomicInteger temporaryDataFailures = new AtomicInteger();
    private volatile long delayMillis;
    private final List<Accepted> accepted = new CopyOnWriteArrayList<>();
    private final SMTPServer server;

    private ScriptedSmtpServer(int port) {
        this.server = SMTPServer.port(port)
                .hostName("scripted.test")
                .messageHandlerFactory(context -> new Handler(context.getSessionId()))
                .build();
        server.start();
    }

    /** Starts on a free port. */
    public static ScriptedSmtpServer start() {
        return new ScriptedSmtpServer(0);
    }

    /** Starts on the given port (a server coming back where it was). */
    public static ScriptedSmtpServer startOn(int port) {
        return new ScriptedSmtpServer(port);
    }

    public int port() {
        return server.getPortAllocated();
    }

    /** RCPT TO this address is answered with {@code code text}. */
    public ScriptedSmtpServer refuseRecipient(String address, int code, String text) {
        refusedRecipients.put(address.toLowerCase(), new RejectException(code, text));
        return this;
    }

    /** The next {@code times} messages are refused at the end of DATA with 451. */
    public ScriptedSmtpServer failDataTemporarily(int times) {
        temporaryDataFailures.set(times);
        return this;
    }

    /** Takes this long to accept each message, like a server under load. */
    public ScriptedSmtpServer slowDown(long millis) {
        this.delayMillis = millis;
        return this;
    }

    public List<Accepted> accepted() {
        return accepted;
    }

    public List<Accepted> acceptedFor(String recipient) {
        return accepted.stream()
                .filter(a -> a.recipients().contains(recipient.toLowerCase()))
                .toList();
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Handler implements MessageHandler {
        private final String session;
        private String from;
        private final List<String> recipients = new CopyOnWriteArrayList<>();

        Handler(String session) {
            this.session = session;
        }

        @Override
        public void from(String from) {
            this.from = from;
        }

        @Override
        public void recipient(String recipient) throws RejectException {
            RejectException refusal = refusedRecipients.get(recipient.toLowerCase());
            if (refusal != null) {
                throw refusal;
            }
            recipients.add(recipient.toLowerCase());
        }

        @Override
        public String data(InputStream data) throws RejectException, IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            data.transferTo(bytes);
            if (temporaryDataFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new RejectException(451, "4.3.0 Temporary local problem, try again later");
            }
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            accepted.add(new Accepted(from, List.copyOf(recipients), bytes.toString(StandardCharsets.UTF_8), session));
            return null;
        }

        @Override
        public void done() {}
    }
}
