package com.perfectwork.mail.inbound;

import jakarta.mail.FolderClosedException;
import jakarta.mail.MessagingException;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;

/**
 * One connection held open on a server's folder, waiting for news: in IDLE (RFC 2177) when the server has
 * it, else asking with NOOP every poll interval. It only says that mail arrived; taking it is the fetch's
 * work, over a connection of its own.
 */
final class IdleConnection implements AutoCloseable {

    private final MailboxSession session;
    private final IMAPFolder folder;
    private final boolean idle;
    private final Duration poll;
    private final Clock clock;

    /** One refresh at a time: a refresh stuck on a dead connection must not be joined by more every check. */
    private final AtomicBoolean refreshing = new AtomicBoolean();

    private long knownUid = -1;
    private volatile Instant idleSince;

    private IdleConnection(MailboxSession session, IMAPFolder folder, boolean idle, Duration poll, Clock clock) {
        this.session = session;
        this.folder = folder;
        this.idle = idle;
        this.poll = poll;
        this.clock = clock;
        folder.addMessageCountListener(new MessageCountAdapter() {
            @Override
            public void messagesAdded(MessageCountEvent event) {
                // an EXISTS read while IDLE was starting is taken as part of its start, and IDLE then waits for
                // the next one: end it, so that this mail is fetched now (runs on the folder's event thread)
                if (idleSince != null) {
                    noop();
                }
            }
        });
    }

    /** Holds a session opened on the server's folder; closes it when it is not IMAP. */
    static IdleConnection open(MailboxSession session, ImapIdleSettings settings, Clock clock)
            throws MessagingException {
        // Angus ignores read timeouts while in IDLE; one after the refresh's DONE means the connection died
        try {
            IMAPFolder folder =
                    session.imapFolder().orElseThrow(() -> new MessagingException("push (IDLE) needs IMAP"));
            return new IdleConnection(session, folder, session.hasCapability("IDLE"), settings.poll(), clock);
        } catch (MessagingException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** Whether the server offers IDLE; without it the connection polls. */
    boolean pushes() {
        return idle;
    }

    /**
     * True when mail arrived since the last call (and on the first call: what arrived while nobody watched). A
     * new mail always has a higher UID than any before it (RFC 3501, 2.3.1.1), so the last message's UID says it
     * even when another mail was expunged meanwhile and the count did not change.
     */
    boolean newMail() throws MessagingException {
        folder.doCommand(IdleConnection::noop); // reads the EXISTS sent since the last command
        int count = folder.getMessageCount();
        long lastUid = count == 0 ? 0 : folder.getUID(folder.getMessage(count));
        boolean arrived = knownUid < 0 || lastUid > knownUid;
        knownUid = lastUid;
        return arrived;
    }

    /** Waits for the server's next word (IDLE) or for the poll interval (no IDLE). */
    void await() throws MessagingException, InterruptedException {
        if (!idle) {
            Thread.sleep(poll.toMillis());
            return;
        }
        idleSince = clock.instant();
        try {
            folder.idle(true); // returns at the first notification, when another thread uses the folder, or on a drop
        } finally {
            idleSince = null;
        }
        if (!folder.isOpen()) {
            throw new FolderClosedException(folder, "the server closed the connection");
        }
    }

    /** Ends an IDLE running since before {@code threshold}, so that it is issued anew before the server drops it. */
    void refreshIfIdleSince(Instant threshold) throws MessagingException {
        Instant since = idleSince;
        if (since != null && since.isBefore(threshold) && refreshing.compareAndSet(false, true)) {
            try {
                folder.doCommand(IdleConnection::noop);
            } finally {
                refreshing.set(false);
            }
        }
    }

    private void noop() {
        try {
            folder.doCommand(IdleConnection::noop);
        } catch (MessagingException | RuntimeException e) {
            // the connection is failing: the thread in IDLE finds out and reconnects
        }
    }

    private static Object noop(IMAPProtocol protocol) throws ProtocolException {
        protocol.simpleCommand("NOOP", null);
        return null;
    }

    /** Closes from another thread, without waiting for the server: the waiting thread gets an exception. */
    void abort() {
        try {
            folder.forceClose();
        } catch (MessagingException | RuntimeException e) {
            // closing is all that is wanted: the waiting thread ends either way
        }
    }

    @Override
    public void close() {
        session.close();
    }
}
