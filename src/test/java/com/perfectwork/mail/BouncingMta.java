package com.perfectwork.mail;

import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A mail server that accepts every mail ({@code 250}) and only later finds it cannot deliver some: for a recipient
 * it was told is unknown it sends a delivery status notification, as Postfix words and shapes it (RFC 3464, the
 * returned headers attached), to the mail's envelope sender, over SMTP to the server's receiver — the way a bounce
 * comes back in real life.
 */
public final class BouncingMta implements AutoCloseable {

    /** A mail it accepted, and the bounce it sent back for it, if any. */
    public record Accepted(String envelopeFrom, List<String> recipients, String data) {}

    private final Set<String> unknown = ConcurrentHashMap.newKeySet();
    private final List<Accepted> accepted = new CopyOnWriteArrayList<>();
    private final List<String> bouncesSent = new CopyOnWriteArrayList<>();
    private final ExecutorService returns = Executors.newSingleThreadExecutor();
    private final SMTPServer server;
    private final int receiverPort;

    private BouncingMta(int receiverPort) {
        this.receiverPort = receiverPort;
        this.server = SMTPServer.port(0)
                .hostName("mx.customer.example")
                .messageHandlerFactory(context -> new Handler())
                .build();
        server.start();
    }

    /** Starts on a free port; bounces go to the SMTP receiver on {@code receiverPort}. */
    public static BouncingMta start(int receiverPort) {
        return new BouncingMta(receiverPort);
    }

    public int port() {
        return server.getPortAllocated();
    }

    /** Mail to this address is accepted, then bounced as a user unknown. */
    public BouncingMta unknownUser(String address) {
        unknown.add(address.toLowerCase(Locale.ROOT));
        return this;
    }

    public List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    /** The envelope recipients (the original's envelope senders) of the bounces sent back, in order. */
    public List<String> bouncesSent() {
        return List.copyOf(bouncesSent);
    }

    @Override
    public void close() {
        server.stop();
        returns.shutdownNow();
    }

    private final class Handler implements MessageHandler {
        private String from;
        private final List<String> recipients = new CopyOnWriteArrayList<>();

        @Override
        public void from(String from) {
            this.from = from;
        }

        @Override
        public void recipient(String recipient) {
            recipients.add(recipient);
        }

        @Override
        public String data(InputStream data) throws IOException {
            String text = new String(data.readAllBytes(), StandardCharsets.UTF_8);
            accepted.add(new Accepted(from, List.copyOf(recipients), text));
            String returnTo = from;
            for (String recipient : recipients) {
                if (unknown.contains(recipient.toLowerCase(Locale.ROOT)) && returnTo != null && !returnTo.isEmpty()) {
                    returns.submit(() -> bounce(returnTo, recipient, text));
                }
            }
            return null;
        }

        @Override
        public void done() {}
    }

    private void bounce(String returnTo, String recipient, String original) {
        try {
            String headers = original.replace("\r\n", "\n").split("\n\n", 2)[0].replace("\n", "\r\n");
            String boundary = "BOUNCE." + System.nanoTime() + "/mx.customer.example";
            String dsn = "From: MAILER-DAEMON@mx.customer.example (Mail Delivery System)\r\n"
                    + "To: " + returnTo + "\r\n"
                    + "Subject: Undelivered Mail Returned to Sender\r\n"
                    + "Auto-Submitted: auto-replied\r\n"
                    + "MIME-Version: 1.0\r\n"
                    + "Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary=\"" + boundary
                    + "\"\r\n\r\n"
                    + "--" + boundary + "\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
                    + "This is the mail system at host mx.customer.example.\r\n\r\n"
                    + "I'm sorry to have to inform you that your message could not\r\n"
                    + "be delivered to one or more recipients.\r\n\r\n"
                    + "<" + recipient + ">: unknown user: \"" + recipient.split("@")[0] + "\"\r\n\r\n"
                    + "--" + boundary + "\r\nContent-Type: message/delivery-status\r\n\r\n"
                    + "Reporting-MTA: dns; mx.customer.example\r\n\r\n"
                    + "Final-Recipient: rfc822; " + recipient + "\r\n"
                    + "Original-Recipient: rfc822;" + recipient + "\r\n"
                    + "Action: failed\r\nStatus: 5.1.1\r\n"
                    + "Diagnostic-Code: X-Postfix; unknown user: \"" + recipient.split("@")[0] + "\"\r\n\r\n"
                    + "--" + boundary + "\r\nContent-Type: text/rfc822-headers\r\n\r\n"
                    + headers + "\r\n\r\n"
                    + "--" + boundary + "--\r\n";
            Properties properties = new Properties();
            properties.put("mail.smtp.host", "127.0.0.1");
            properties.put("mail.smtp.port", Integer.toString(receiverPort));
            properties.put("mail.smtp.from", "<>");
            MimeMessage message = new MimeMessage(
                    Session.getInstance(properties), new ByteArrayInputStream(dsn.getBytes(StandardCharsets.UTF_8)));
            Transport.send(message, new InternetAddress[] {new InternetAddress(returnTo)});
            bouncesSent.add(returnTo);
        } catch (Exception e) {
            throw new IllegalStateException("the bounce for " + recipient + " could not be sent back", e);
        }
    }
}
