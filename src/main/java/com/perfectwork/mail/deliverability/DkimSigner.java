package com.perfectwork.mail.deliverability;

import com.perfectwork.mail.outgoing.MailSigner;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.angus.mail.util.CRLFOutputStream;
import org.springframework.stereotype.Component;

/**
 * Signs outgoing mail with the newest active DKIM key of its From domain. The message is signed as the SMTP
 * transport will write it: its bytes with the headers a transport leaves out (Bcc, Content-Length) left out and
 * every line ended by CRLF. The signature is added as a header; the message must not change afterwards.
 */
@Component
class DkimSigner implements MailSigner {

    /** What {@code SMTPTransport.sendMessage} leaves out when it writes a message. */
    private static final String[] NOT_SENT = {"Bcc", "Content-Length"};

    private final DkimKeys keys;
    private final Clock clock;

    DkimSigner(DkimKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public void sign(MimeMessage message, String fromDomain) throws MessagingException {
        Optional<SigningKey> key = keys.signingKey(fromDomain);
        if (key.isEmpty()) {
            return;
        }
        ByteArrayOutputStream wire = new ByteArrayOutputStream(8192);
        try {
            message.writeTo(new CRLFOutputStream(wire), NOT_SENT);
        } catch (IOException e) {
            throw new MessagingException("cannot write the message to sign it", e);
        }
        String header = DkimSignature.sign(
                wire.toByteArray(), key.get(), clock.instant().getEpochSecond());
        message.addHeader("DKIM-Signature", header);
    }
}
