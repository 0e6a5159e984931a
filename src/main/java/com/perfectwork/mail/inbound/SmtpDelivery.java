package com.perfectwork.mail.inbound;

import com.perfectwork.mail.deliverability.SmtpEnvelope;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.Session;

/**
 * One transaction of the SMTP receiver: MAIL FROM (refused with {@code 421} when processing is saturated, so that
 * the sender comes back later rather than sends the data for nothing), RCPT TO (the alias domain only, at most
 * {@code max-recipients}), DATA (read with the data timeout, stored, processed, answered). Each envelope recipient
 * is recorded as a {@code Delivered-To} line, so that an alias reached by Bcc is still found.
 */
final class SmtpDelivery implements MessageHandler {

    private final MessageContext context;
    private final AliasDomainRecipients ours;
    private final DataReception reception;
    private final ReceiverLimits limits;
    private final List<String> recipients = new ArrayList<>();
    private String mailFrom;

    SmtpDelivery(MessageContext context, AliasDomainRecipients ours, DataReception reception, ReceiverLimits limits) {
        this.context = context;
        this.ours = ours;
        this.reception = reception;
        this.limits = limits;
    }

    @Override
    public void from(String from) throws DropConnectionException {
        if (reception.saturated()) {
            throw new DropConnectionException(421, "4.3.2 the server is busy, try again later");
        }
        mailFrom = from == null ? "" : from;
    }

    @Override
    public void recipient(String recipient) throws RejectException {
        if (recipients.size() >= limits.maxRecipients()) {
            // RFC 5321 §4.5.3.1.10: the client sends the others in another transaction
            throw new RejectException(452, "4.5.3 too many recipients, send the rest in another transaction");
        }
        recipients.add(ours.accept(recipient)
                .orElseThrow(() -> new RejectException(550, AliasDomainRecipients.REFUSAL.formatted(recipient))));
    }

    /**
     * Streams DATA to the filestore behind the Delivered-To lines, never whole into memory, waiting at most the data
     * timeout for each block. Over {@code perfectwork.smtp-receiver.max-size} it is refused with {@code 552 5.3.4}
     * (RFC 5321 §4.5.3.1.10, RFC 3463: too big for the system); the rest of a refused DATA is read to its final dot.
     */
    @Override
    public String data(InputStream data) throws RejectException {
        StringBuilder deliveredTo = new StringBuilder();
        for (String recipient : recipients) {
            deliveredTo.append("Delivered-To: ").append(recipient).append("\r\n");
        }
        InputStream raw = new SequenceInputStream(
                new ByteArrayInputStream(deliveredTo.toString().getBytes(StandardCharsets.US_ASCII)), data);
        timeout(limits.dataTimeoutMillis());
        DataReception.Reply reply;
        try {
            reply = reception.take(raw, envelope());
            if (reply.code() != 250 && !reply.closes()) {
                data.transferTo(OutputStream.nullOutputStream());
            }
        } catch (IOException e) {
            throw new DropConnectionException(421, "4.4.2 the data could not be read, closing");
        } finally {
            timeout(limits.commandTimeoutMillis());
        }
        if (reply.code() == 250) {
            return reply.text();
        }
        if (reply.closes()) {
            throw new DropConnectionException(reply.code(), reply.text());
        }
        if (context instanceof Session session) {
            // RFC 5321 §4.1.1.4: a refused DATA ends the transaction too; SubEthaSMTP would keep it open, and the
            // sender's next MAIL FROM in the same session would be refused with 503
            session.resetMailTransaction();
        }
        throw new RejectException(reply.code(), reply.text());
    }

    @Override
    public void done() {}

    /** The client, its HELO name and the MAIL FROM address: what the sender checks' SPF needs. */
    private SmtpEnvelope envelope() {
        InetAddress client =
                context.getRemoteAddress() instanceof InetSocketAddress remote ? remote.getAddress() : null;
        return new SmtpEnvelope(client, context.getHelo().orElse(null), mailFrom);
    }

    /** How long the session's reads wait: the data timeout while DATA streams in, the command timeout otherwise. */
    private void timeout(int millis) {
        if (context instanceof Session session) {
            try {
                session.getSocket().setSoTimeout(millis);
            } catch (SocketException e) {
                // the connection is gone: the next read says so
            }
        }
    }
}
