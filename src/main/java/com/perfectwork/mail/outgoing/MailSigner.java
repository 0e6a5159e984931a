package com.perfectwork.mail.outgoing;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** Signs a mail as composed, just before it is sent (DKIM); implemented outside the module, optional. */
public interface MailSigner {

    /** Adds its signature header(s) to the message when the From domain has an active key; else leaves it. */
    void sign(MimeMessage message, String fromDomain) throws MessagingException;
}
