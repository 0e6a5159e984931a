package com.perfectwork.mail.outgoing;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.Properties;
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

    private final SMTPTransport transport;
    private final MailServer server;
    private final String password;
    private int sent;
    private boolean suspect;

    private SmtpSession(SMTPTransport transport, MailServer server, String password) {
        this.transport = transport;
        this.server = server;
        this.password = password;
    }

    /** Connects and logs in; a {@link MessagingException} when the server cannot be reached or refuses. */
    static SmtpSession open(MailServer server, String password, String heloName, Duration timeout)
            throws MessagingException {
        if (server.authentication() == Authentication.OAUTH2) {
            throw new MessagingException(
                    "OAuth2 authentication is not configured on this server yet; use login or no authentication");
        }
        Session session = Session.getInstance(properties(server, heloName, timeout));
        SMTPTransport transport = (SMTPTransport) session.getTransport("smtp");
        SmtpSession smtp = new SmtpSession(transport, server, password);
        smtp.connect();
        return smtp;
    }

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
        }
        return props;
    }

    private void connect() throws MessagingException {
        if (server.authentication() == Authentication.LOGIN) {
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
            mail.setEnvelopeFrom(envelopeFrom);
            transport.sendMessage(mail, new Address[] {recipient});
            sent++;
            return new DeliveryResult.Accepted(MailHeaders.oneLine(transport.getLastServerResponse()));
        } catch (MessagingException | RuntimeException e) {
            suspect = true;
            return SmtpFailures.classify(e);
        }
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

    @Override
    public void close() {
        try {
            transport.close();
        } catch (MessagingException e) {
            // QUIT after the work is done: nothing left to lose
        }
    }
}
