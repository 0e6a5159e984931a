package com.perfectwork.mail;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.Properties;

/** A mail client appending to a mailbox over real IMAP (APPEND), as another client or a delivery agent does. */
public final class ImapClient {

    private final int port;
    private final String login;
    private final String password;

    public ImapClient(int port, String login, String password) {
        this.port = port;
        this.login = login;
        this.password = password;
    }

    /** Appends the raw mail, unseen, to the INBOX. */
    public void append(byte[] raw) throws MessagingException {
        Session session = Session.getInstance(new Properties());
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", port, login, password);
            try (Folder inbox = store.getFolder("INBOX")) {
                inbox.open(Folder.READ_WRITE);
                inbox.appendMessages(new MimeMessage[] {new MimeMessage(session, new ByteArrayInputStream(raw))});
            }
        }
    }
}
