package com.perfectwork.mail.outgoing;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * One SMTP connection to one server, reused for many mails: EHLO, STARTTLS or SSL, AUTH once, then a
 * MAIL FROM / RCPT TO / DATA per mail. Every failure comes back as a {@link DeliveryResult}.
 */
final class SmtpSession implements AutoCloseable {

    static {
        AngusTuning.apply();
    }

    private final TranscribingTransport transport;
    private final MailServer server;
    private final String password;
    private int sent;
    private boolean suspect;

    private SmtpSession(TranscribingTransport transport, MailServer server, String password) {
        this.transport = transport;
        this.server = server;
        this.password = password;
    }

    /**
     * Connects and logs in; a {@link MessagingException} when the server cannot be reached or refuses. {@code
     * password}: the server's password, or for OAuth2 the access token (XOAUTH2 sends it as the bearer token).
     */
    static SmtpSession open(MailServer server, String password, String heloName, Duration timeout)
            throws MessagingException {
        Session session = SESSIONS.of(server, heloName, timeout);
        SmtpSession smtp =
                new SmtpSession(new TranscribingTransport(session, server.host(), server.port()), server, password);
        try {
            smtp.connect();
        } catch (MessagingException | RuntimeException e) {
            // the same exception goes on (its type says what failed); what was said rides along with it
            e.addSuppressed(new Transcript(smtp.transport.transcript()));
            throw e;
        }
        return smtp;
    }

    /**
     * One mail session per way of connecting, shared by its connections: making a session reads the providers'
     * files from the class path again, which took a tenth of the time of a busy queue that opens connections often.
     * The key is what {@link #properties} reads, so a changed server gets a session of its own.
     */
    private static final class Sessions {
        /** Far more than the servers of an installation: past it, the sessions of servers changed since go. */
        private static final int MOST = 256;

        private record Key(
                String host,
                int port,
                Encryption encryption,
                boolean verifyCertificates,
                Authentication authentication,
                String heloName,
                Duration timeout) {}

        private final Map<Key, Session> sessions = new ConcurrentHashMap<>();

        Session of(MailServer server, String heloName, Duration timeout) {
            Key key = new Key(
                    server.host(),
                    server.port(),
                    server.encryption(),
                    server.verifyCertificates(),
                    server.authentication(),
                    heloName,
                    timeout);
            if (sessions.size() > MOST) {
                sessions.clear();
            }
            return sessions.computeIfAbsent(key, k -> Session.getInstance(properties(server, heloName, timeout)));
        }
    }

    private static final Sessions SESSIONS = new Sessions();

    static Properties properties(MailServer server, String heloName, Duration timeout) {
        Properties props = new Properties();
        props.put("mail.smtp.host", server.host());
        props.put("mail.smtp.port", Integer.toString(server.port()));
        props.put("mail.smtp.connectiontimeout", Long.toString(timeout.toMillis()));
        props.put("mail.smtp.timeout", Long.toString(timeout.toMillis()));
        props.put("mail.smtp.writetimeout", Long.toString(timeout.toMillis()));
        props.put("mail.smtp.localhost", heloName);
        // QUIT without waiting for its answer: nothing depends on it, and a connection test ends inside DATA,
        // where a server answers nothing until the message would end
        props.put("mail.smtp.quitwait", "false");
        NoDelaySslSocketFactory tls = server.verifyCertificates()
                ? NoDelaySslSocketFactory.verifying()
                : NoDelaySslSocketFactory.trustingAnyCertificate();
        props.put("mail.smtp.ssl.socketFactory", tls);
        props.put("mail.smtp.ssl.checkserveridentity", Boolean.toString(server.verifyCertificates()));
        switch (server.encryption()) {
            case SSL -> props.put("mail.smtp.ssl.enable", "true");
            case STARTTLS -> {
                props.put("mail.smtp.starttls.enable", "true");
                props.put("mail.smtp.starttls.required", "true");
                props.put("mail.smtp.socketFactory", new NoDelaySocketFactory());
                props.put("mail.smtp.socketFactory.fallback", "false");
            }
            case NONE -> {
                props.put("mail.smtp.socketFactory", new NoDelaySocketFactory());
                props.put("mail.smtp.socketFactory.fallback", "false");
            }
        }
        if (server.authentication() == Authentication.LOGIN) {
            props.put("mail.smtp.auth", "true");
            props.put("mail.smtp.auth.mechanisms", "PLAIN LOGIN");
        } else if (server.authentication() == Authentication.OAUTH2) {
            // Google's and Microsoft's SASL XOAUTH2: the user and the access token in one initial response
            props.put("mail.smtp.auth", "true");
            props.put("mail.smtp.auth.mechanisms", "XOAUTH2");
        }
        return props;
    }

    private void connect() throws MessagingException {
        if (server.authentication() != Authentication.NONE) {
            transport.connect(server.host(), server.port(), server.username(), password == null ? "" : password);
        } else {
            transport.connect();
        }
    }

    /** Sends one mail to one recipient with its own envelope sender. */
    DeliveryResult send(SMTPMessage mail, String envelopeFrom, InternetAddress recipient) {
        try {
            // only after a failure: isConnected() costs a NOOP round trip
            if (suspect && !transport.isConnected()) {
                connect();
            }
            suspect = false;
            transport.startMail();
            mail.setEnvelopeFrom(envelopeFrom);
            transport.sendMessage(mail, new Address[] {recipient});
            sent++;
            return new DeliveryResult.Accepted(MailHeaders.oneLine(transport.getLastServerResponse()));
        } catch (MessagingException | RuntimeException e) {
            suspect = true;
            return SmtpFailures.classify(e);
        }
    }

    /**
     * What was said on the connection for the last mail: its greeting, EHLO and login, then the mail's own
     * commands and the answers, without credentials nor the message.
     */
    String transcript() {
        return transport.transcript();
    }

    /** Mails this connection has carried. */
    int sent() {
        return sent;
    }

    /** True when no send failed on it since it was opened or reconnected: it may be kept for later mails. */
    boolean sound() {
        return !suspect;
    }

    /** Whether the server still answers on it (a NOOP round trip), for a connection kept idle for a while. */
    boolean answers() {
        return transport.isConnected();
    }

    SMTPTransport transport() {
        return transport;
    }

    /** What was said on a connection that could not be opened, carried by its failure as a suppressed one. */
    static final class Transcript extends Exception {

        Transcript(String text) {
            super(text, null, false, false);
        }

        /** The transcript a failure of {@link #open} carries, or null. */
        static String of(Throwable failure) {
            for (Throwable suppressed : failure.getSuppressed()) {
                if (suppressed instanceof Transcript transcript) {
                    return transcript.getMessage();
                }
            }
            return null;
        }
    }

    @Override
    public void close() {
        try {
            transport.close();
        } catch (MessagingException e) {
            // QUIT after the work is done: nothing left to lose
        }
    }
}
