package com.perfectwork.mail.outgoing;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** Signs a mail as composed, just before it is sent (DKIM); implemented outside the module, optional. */
public interface MailSigner {

    /** Adds its signature header(s) to the message when the From domain has an active key; else leaves it. */
    void sign(MimeMessage message, String fromDomain) throws MessagingException;

    /**
     * A message whose body other messages share byte for byte: the copies of one notification, sent to each
     * follower. A signer may hash such a body once for all of them.
     */
    interface SharedBody {

        /** The same object for every message with this body, byte for byte; another object for another body. */
        Object sharedBody();
    }
}
