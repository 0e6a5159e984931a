package com.perfectwork.mail;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.Properties;

/** A raw mail sent over SMTP to a receiver on this machine, as an MTA in front of the server hands it over. */
public final class SmtpSubmission {

    private SmtpSubmission() {}

    /**
     * Sends {@code raw} to {@code recipient}; a refusal or a lost connection comes out as an
     * {@link IllegalStateException} caused by the server's answer (Angus Mail's {@code SMTPSendFailedException}).
     */
    public static void send(int port, byte[] raw, String recipient) {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(port));
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "60000");
        Session session = Session.getInstance(props);
        try {
            Transport.send(
                    new MimeMessage(session, new ByteArrayInputStream(raw)),
                    new Address[] {new InternetAddress(recipient)});
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
