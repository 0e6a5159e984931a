package com.perfectwork.mail.outgoing;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * A composed notification: the recipient's own headers over a body encoded once for every recipient of
 * the message ({@link EncodedBody}), so that a fan-out to 10 000 followers encodes its HTML and text once,
 * not 10 000 times. Keeps the Message-ID it is given: every copy of one chatter message shares the
 * message's own id, so that replies find their thread (Jakarta Mail would generate a new one).
 */
class NotificationMail extends SMTPMessage implements MailSigner.SharedBody {

    /** A MIME body as it goes on the wire (CRLF line ends), with the headers that describe it. */
    record EncodedBody(String contentType, String transferEncoding, byte[] bytes) {}

    private static final byte[] CRLF = {'\r', '\n'};

    private final String messageId;
    private final EncodedBody body;

    NotificationMail(Session session, String messageId, EncodedBody body) {
        super(session);
        this.messageId = messageId;
        this.body = body;
    }

    /** The body every copy of the message shares: its DKIM body hash is the same for all. */
    @Override
    public Object sharedBody() {
        return body;
    }

    @Override
    protected void updateHeaders() throws MessagingException {
        setHeader("MIME-Version", "1.0");
        setHeader("Content-Type", body.contentType());
        if (body.transferEncoding() != null) {
            setHeader("Content-Transfer-Encoding", body.transferEncoding());
        }
        updateMessageID();
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
    }

    @Override
    public void writeTo(OutputStream out, String[] ignoreList) throws IOException, MessagingException {
        if (!saved) {
            saveChanges();
        }
        Enumeration<String> lines = getNonMatchingHeaderLines(ignoreList);
        while (lines.hasMoreElements()) {
            out.write(lines.nextElement().getBytes(StandardCharsets.UTF_8));
            out.write(CRLF);
        }
        out.write(CRLF);
        out.write(body.bytes());
        out.flush();
    }
}
