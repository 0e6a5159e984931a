package com.perfectwork.mail.routing;

import jakarta.activation.DataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;

/**
 * A multipart that stops reading its parts once the mail has used up its {@link Budget}: the parts after it are
 * never made into objects, so a mail of a million empty parts costs what a mail of a thousand does.
 */
final class BoundedMultipart extends MimeMultipart {

    /** The parts a whole mail may still have, shared by all its multiparts. */
    static final class Budget {
        private int left;
        private boolean exceeded;

        Budget(int parts) {
            this.left = parts;
        }

        /** Whether a part was left out because the budget was used up. */
        boolean exceeded() {
            return exceeded;
        }

        private void take() throws Exhausted {
            if (left == 0) {
                exceeded = true;
                throw new Exhausted();
            }
            left--;
        }
    }

    /** Ends the reading of a multipart at the part the budget has no room for; never leaves this class. */
    private static final class Exhausted extends MessagingException {}

    private final Budget budget;

    BoundedMultipart(DataSource source, Budget budget) throws MessagingException {
        super(source);
        this.budget = budget;
    }

    @Override
    protected synchronized void parse() throws MessagingException {
        if (parsed) {
            return;
        }
        try {
            super.parse();
        } catch (Exhausted e) {
            // the parts read so far stay; the rest of the multipart is not looked at
            parsed = true;
            complete = false;
        }
    }

    @Override
    protected MimeBodyPart createMimeBodyPart(InputStream content) throws MessagingException {
        budget.take();
        return super.createMimeBodyPart(content);
    }

    @Override
    protected MimeBodyPart createMimeBodyPart(InternetHeaders headers, byte[] content) throws MessagingException {
        budget.take();
        return super.createMimeBodyPart(headers, content);
    }
}
