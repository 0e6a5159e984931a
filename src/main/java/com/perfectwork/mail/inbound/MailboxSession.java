package com.perfectwork.mail.inbound;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.pop3.POP3Folder;

/**
 * One connection to a mailbox (IMAP or POP3) through Jakarta Mail. Messages are read with PEEK, so a mail
 * is marked \Seen (IMAP) or deleted (POP3) only when the caller says it is safely stored. A mail that failed is
 * set aside instead: it stays in the mailbox, IMAP marks it \Seen and with the keyword {@value #FAILED} (where the
 * folder takes keywords), and POP3, which can mark nothing, leaves it to the caller to remember its UIDL.
 */
final class MailboxSession implements AutoCloseable {

    /** The IMAP keyword of a mail that failed to be processed (RFC 3501 §2.3.2): kept, and not fetched again. */
    static final String FAILED = "PerfectworkFailed";

    /** A mail waiting in the mailbox: its raw bytes and how to acknowledge it. */
    interface Waiting {
        byte[] raw() throws MessagingException, IOException;

        long uid();

        /** The POP3 UIDL, which stays the mail's across sessions (RFC 1939 §7); IMAP: its UID. */
        String uidl() throws MessagingException;

        /** Stored: from now on the mailbox may let it go (IMAP \Seen, POP3 deleted on close). */
        void acknowledge() throws MessagingException;

        /** Failed: kept in the mailbox, and (IMAP) marked not to be fetched again. */
        void setAside() throws MessagingException;
    }

    private final IncomingServer server;
    private final Store store;
    private final Folder folder;

    private MailboxSession(IncomingServer server, Store store, Folder folder) {
        this.server = server;
        this.store = store;
        this.folder = folder;
    }

    /** {@code password}: the mailbox's password, or for OAuth2 the access token (sent with XOAUTH2). */
    static MailboxSession open(IncomingServer server, String password, Duration timeout, boolean readWrite)
            throws MessagingException {
        String protocol = server.protocol();
        Properties props = new Properties();
        String prefix = "mail." + protocol + ".";
        props.put(prefix + "host", server.host());
        props.put(prefix + "port", Integer.toString(server.port()));
        props.put(prefix + "connectiontimeout", Long.toString(timeout.toMillis()));
        props.put(prefix + "timeout", Long.toString(timeout.toMillis()));
        props.put(prefix + "ssl.enable", Boolean.toString("ssl".equals(server.security())));
        props.put(prefix + "starttls.enable", Boolean.toString("starttls".equals(server.security())));
        props.put(prefix + "starttls.required", Boolean.toString("starttls".equals(server.security())));
        props.put(prefix + "ssl.checkserveridentity", Boolean.toString(server.verifyCertificates()));
        if (!server.verifyCertificates()) {
            props.put(prefix + "ssl.trust", "*");
        }
        if (server.oauth2()) {
            // Google's and Microsoft's SASL XOAUTH2, for IMAP (AUTHENTICATE) and POP3 (AUTH) alike
            props.put(prefix + "auth.mechanisms", "XOAUTH2");
        }
        props.put("mail.imap.peek", "true");
        props.put("mail.imap.partialfetch", "false");
        Store store = Session.getInstance(props).getStore(protocol);
        store.connect(server.host(), server.port(), server.username(), password);
        try {
            Folder folder = store.getFolder(server.imap() ? server.folder() : "INBOX");
            folder.open(readWrite ? Folder.READ_WRITE : Folder.READ_ONLY);
            return new MailboxSession(server, store, folder);
        } catch (MessagingException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The open IMAP folder, for IDLE; empty for POP3. */
    Optional<IMAPFolder> imapFolder() {
        return folder instanceof IMAPFolder imap ? Optional.of(imap) : Optional.empty();
    }

    /** Whether the server announced the capability (IMAP; false for POP3). */
    boolean hasCapability(String capability) throws MessagingException {
        return store instanceof IMAPStore imap && imap.hasCapability(capability);
    }

    /** The UIDVALIDITY of an IMAP folder (0 for POP3). */
    long uidValidity() throws MessagingException {
        return folder instanceof UIDFolder uids ? uids.getUIDValidity() : 0;
    }

    /**
     * Up to {@code limit} mails to take: IMAP's unseen ones (fetched in one bulk FETCH), POP3's first ones; the
     * ones whose UID (POP3: number) is in {@code skip}, and POP3's whose UIDL is in {@code setAside}, are passed over.
     */
    List<Waiting> waiting(int limit, Set<Long> skip, Set<String> setAside) throws MessagingException {
        Message[] messages = server.imap()
                ? folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))
                : folder.getMessages(1, folder.getMessageCount());
        if (!skip.isEmpty() && folder instanceof IMAPFolder || !setAside.isEmpty() && folder instanceof POP3Folder) {
            FetchProfile uids = new FetchProfile(); // IMAP: UID FETCH; POP3: one UIDL for them all
            uids.add(UIDFolder.FetchProfileItem.UID);
            folder.fetch(messages, uids);
        }
        List<Message> taken = new ArrayList<>();
        for (int i = 0; i < messages.length && taken.size() < limit; i++) {
            boolean passed = !skip.isEmpty() && skip.contains(uid(messages[i]))
                    || !setAside.isEmpty() && setAside.contains(uidl(messages[i]));
            if (!passed) {
                taken.add(messages[i]);
            }
        }
        Message[] batch = taken.toArray(Message[]::new);
        if (folder instanceof IMAPFolder imap && batch.length > 0) {
            FetchProfile profile = new FetchProfile();
            profile.add(UIDFolder.FetchProfileItem.UID);
            profile.add(IMAPFolder.FetchProfileItem.MESSAGE);
            imap.fetch(batch, profile);
        }
        return taken.stream().map(this::waiting).toList();
    }

    /** Whether the connection still holds (a POP3 or IMAP NOOP): false once the server or the network dropped it. */
    boolean isOpen() {
        return store.isConnected() && folder.isOpen();
    }

    private long uid(Message message) {
        try {
            return folder instanceof UIDFolder uids ? uids.getUID(message) : message.getMessageNumber();
        } catch (MessagingException e) {
            return -1;
        }
    }

    /** The UIDLs of every mail in a POP3 mailbox (one UIDL command); empty for IMAP. */
    Set<String> uidls() throws MessagingException {
        if (!(folder instanceof POP3Folder pop3)) {
            return Set.of();
        }
        Message[] messages = pop3.getMessages();
        FetchProfile uids = new FetchProfile();
        uids.add(UIDFolder.FetchProfileItem.UID);
        pop3.fetch(messages, uids);
        Set<String> all = new HashSet<>();
        for (Message message : messages) {
            all.add(pop3.getUID(message));
        }
        return all;
    }

    private String uidl(Message message) throws MessagingException {
        return folder instanceof POP3Folder pop3 ? pop3.getUID(message) : Long.toString(uid(message));
    }

    /** Whether the IMAP folder keeps keywords of our own (PERMANENTFLAGS with \*, RFC 3501 §7.1). */
    private boolean takesKeywords() {
        Flags permanent = folder.getPermanentFlags();
        return permanent != null && (permanent.contains(Flags.Flag.USER) || permanent.contains(FAILED));
    }

    private Waiting waiting(Message message) {
        return new Waiting() {
            @Override
            public byte[] raw() throws MessagingException, IOException {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                message.writeTo(bytes);
                return bytes.toByteArray();
            }

            @Override
            public long uid() {
                return MailboxSession.this.uid(message);
            }

            @Override
            public String uidl() throws MessagingException {
                return MailboxSession.this.uidl(message);
            }

            @Override
            public void acknowledge() throws MessagingException {
                message.setFlag(server.imap() ? Flags.Flag.SEEN : Flags.Flag.DELETED, true);
            }

            @Override
            public void setAside() throws MessagingException {
                if (!server.imap()) {
                    return;
                }
                Flags marks = new Flags(Flags.Flag.SEEN);
                if (takesKeywords()) {
                    marks.add(FAILED);
                }
                message.setFlags(marks, true);
            }
        };
    }

    @Override
    public void close() {
        try {
            if (folder.isOpen()) {
                folder.close(!server.imap()); // POP3: deleted mails are removed on close (QUIT)
            }
        } catch (MessagingException e) {
            // the mails acknowledged so far stay so on IMAP; on POP3 they will be fetched again and found duplicate
        }
        try {
            store.close();
        } catch (MessagingException e) {
            // nothing left to lose
        }
    }
}
