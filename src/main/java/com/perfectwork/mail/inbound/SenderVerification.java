package com.perfectwork.mail.inbound;

import com.perfectwork.mail.deliverability.SenderAuthentication;
import com.perfectwork.mail.deliverability.SenderChecks;
import com.perfectwork.mail.storage.Filestore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.stereotype.Component;

/**
 * The sender checks (SPF, DKIM, DMARC) of a received mail, run before it is routed and outside its transaction, since
 * their DNS answers may take up to the DNS timeout. Once per mail: a retried mail keeps the checks of its first
 * processing, whose SMTP envelope is not kept.
 */
@Component
class SenderVerification {

    private final SenderChecks checks;
    private final Filestore filestore;

    SenderVerification(SenderChecks checks, Filestore filestore) {
        this.checks = checks;
        this.filestore = filestore;
    }

    /** The mail with its checks: those it has, or those made now from its stored bytes. */
    Received checked(Received received) {
        if (received.authentication() != null) {
            return received;
        }
        return received.withAuthentication(check(received));
    }

    private SenderAuthentication check(Received received) {
        try (InputStream raw = received.bytes() != null
                ? new ByteArrayInputStream(received.bytes())
                : filestore.open(received.contentHash())) {
            return checks.check(raw, received.envelope());
        } catch (IOException e) {
            throw new UncheckedIOException("the stored mail " + received.contentHash() + " cannot be read", e);
        }
    }
}
