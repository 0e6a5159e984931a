package com.perfectwork.mail.inbound;

import com.perfectwork.mail.outgoing.AdminNotices;
import jakarta.mail.FolderClosedException;
import jakarta.mail.MessagingException;
import jakarta.mail.StoreClosedException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Fetches incoming servers: batches of 50, looping while more wait; each mail acknowledged (IMAP \Seen, POP3
 * delete) only once the pipeline has stored it. A mail that fails (kept as failed in the inbound log, whatever
 * broke) is set aside: left in the mailbox, marked (IMAP) or remembered by its UIDL (POP3) so that it is not fetched
 * again, and the fetch goes on with the mails after it; the server tells how many of its mails failed. A server
 * failing for 5 days is set back to draft. The fetches of one server (scheduled, Fetch Now, pushed by IDLE) take
 * turns, so that none takes a mail another is taking: it would be posted twice.
 */
@Component
public class Fetchmail {

    static final int BATCH = 50;
    static final int MAX_BATCHES = 100;
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final Duration GIVE_UP = Duration.ofDays(5);
    private static final Logger log = LoggerFactory.getLogger(Fetchmail.class);

    private final IncomingServers servers;
    private final SetAsideMails setAsideMails;
    private final InboundPipeline pipeline;
    private final AdminNotices notices;
    private final MailboxSignIn signIn;
    private final Clock clock;
    private final Map<Long, ReentrantLock> turns = new ConcurrentHashMap<>();

    Fetchmail(
            IncomingServers servers,
            SetAsideMails setAsideMails,
            InboundPipeline pipeline,
            AdminNotices notices,
            MailboxSignIn signIn,
            Clock clock) {
        this.servers = servers;
        this.signIn = signIn;
        this.setAsideMails = setAsideMails;
        this.pipeline = pipeline;
        this.notices = notices;
        this.clock = clock;
    }

    /** Every confirmed active server, lowest priority number first. */
    public FetchReport fetchAll() {
        FetchReport total = FetchReport.NONE;
        for (IncomingServer server : servers.fetchable()) {
            total = total.plus(fetch(server));
        }
        return total;
    }

    /** Fetch Now: one server, confirmed or not. */
    public FetchReport fetchNow(long id) {
        return fetch(servers.require(id));
    }

    /** Opens a connection to the server's mailbox, signed in as it asks (for IDLE). */
    MailboxSession open(IncomingServer server, Duration timeout) throws MessagingException {
        return signIn.open(server, timeout, false);
    }

    /** IDLE announced mail: the same fetch, for the server as it is now (none if it was deleted meanwhile). */
    FetchReport fetchPushed(long id) {
        return servers.find(id).map(this::fetch).orElse(FetchReport.NONE);
    }

    /** A held (IDLE) connection to the server was lost or refused: recorded like a failed fetch. */
    void connectionFailed(long id, Throwable e) {
        servers.find(id).ifPresent(server -> failed(server, e));
    }

    /** Test & Confirm: connect, log in, open the folder; success confirms the server. */
    public ConnectionCheck testAndConfirm(long id) {
        IncomingServer server = servers.require(id);
        try (MailboxSession session = signIn.open(server, Duration.ofSeconds(10), false)) {
            servers.confirm(id);
            return new ConnectionCheck(
                    true,
                    "Connection Test Successful! " + server.label() + ": logged in as " + server.username()
                            + (server.imap() ? ", folder " + server.folder() + " opened" : "") + ".");
        } catch (MessagingException | RuntimeException e) {
            return new ConnectionCheck(false, "The connection to " + server.label() + " failed: " + words(e));
        }
    }

    private FetchReport fetch(IncomingServer listed) {
        ReentrantLock turn = turns.computeIfAbsent(listed.id(), id -> new ReentrantLock());
        turn.lock();
        try {
            // read again in turn: the fetch before may have moved the remembered UID on
            return servers.find(listed.id()).map(this::fetchInTurn).orElse(FetchReport.NONE);
        } finally {
            turn.unlock();
        }
    }

    private FetchReport fetchInTurn(IncomingServer server) {
        Progress progress = new Progress(server.imap() ? Set.of() : setAsideMails.of(server.id()));
        try (MailboxSession session = signIn.open(server, TIMEOUT, true)) {
            long validity = session.uidValidity();
            forgetGone(server, session, progress.setAside);
            try {
                for (int batch = 0; batch < MAX_BATCHES; batch++) {
                    int fetched = fetchBatch(server, session, validity, progress);
                    if (fetched < BATCH || !server.imap()) {
                        break; // POP3 deletes on close: the next batch is the next connection's
                    }
                }
            } catch (MessagingException e) {
                // the connection dropped (or the server gave up) in the middle: what was stored stays stored, and
                // a mail stored but not yet acknowledged is taken again and recognised by its Message-ID
                throw new MessagingException(
                        "fetch interrupted after " + progress.fetched + " mails, the rest stays in the mailbox for the"
                                + " next fetch: " + (lost(e) ? "the connection was lost" : words(e)),
                        e);
            }
            // a mail that could not be stored, or failed, stays in the mailbox: the server shows why
            servers.fetched(server.id(), clock.instant(), progress.problems());
        } catch (DatabaseUnavailableException e) {
            // the database's failure, not the mail server's: nothing to record on the server (nor could it be)
            log.warn(
                    "Fetch from {} stopped after {} mails, the rest stays in the mailbox for the next fetch: {}",
                    server.label(),
                    progress.fetched,
                    e.getMessage());
        } catch (MessagingException | RuntimeException | Error e) {
            failed(server, e);
        }
        return progress.report();
    }

    /** Forgets the POP3 mails set aside that are no longer in the mailbox (someone took them away). */
    private void forgetGone(IncomingServer server, MailboxSession session, Set<String> setAside)
            throws MessagingException {
        if (server.imap() || setAside.isEmpty()) {
            return;
        }
        Set<String> gone = new HashSet<>(setAside);
        gone.removeAll(session.uidls());
        if (!gone.isEmpty()) {
            setAsideMails.forget(server.id(), gone);
            setAside.removeAll(gone);
        }
    }

    /** Returns how many mails the mailbox handed over, the ones met already in this fetch not counted. */
    private int fetchBatch(IncomingServer server, MailboxSession session, long validity, Progress progress)
            throws MessagingException {
        long lastUid = server.lastUid() == null ? 0 : server.lastUid();
        List<MailboxSession.Waiting> batch = session.waiting(BATCH, progress.leftBehind, progress.setAside);
        for (MailboxSession.Waiting mail : batch) {
            boolean read = false;
            try {
                byte[] raw = mail.raw();
                read = true;
                progress.fetched++;
                InboundResult result = pipeline.receive(raw, MailSource.fetched(server));
                if (result.outcome() == InboundOutcome.FAILED) {
                    setAside(server, mail, result, progress);
                } else {
                    // stored and processed: from now on the mailbox may let it go
                    mail.acknowledge();
                    progress.processed++;
                }
                lastUid = Math.max(lastUid, mail.uid());
            } catch (DatabaseUnavailableException e) {
                // every mail after this one would meet the same: the fetch stops, all of them stay in the mailbox
                throw e;
            } catch (IOException | RuntimeException | Error e) {
                if (!read) {
                    if (!session.isOpen()) {
                        // not this mail's fault: the connection is gone, and every mail after it would fail the same
                        throw new MessagingException(
                                "the connection was lost reading mail " + mail.uid(),
                                e instanceof Exception cause ? cause : new IllegalStateException(e));
                    }
                    progress.fetched++;
                }
                // not stored: left unacknowledged in the mailbox, taken again at the next fetch, not in this one
                log.error("Cannot take mail {} from {}", mail.uid(), server.label(), e);
                progress.notStored.add("mail " + mail.uid() + ": " + words(e));
                progress.leftBehind.add(mail.uid());
                progress.failed++;
            }
        }
        if (server.imap()) {
            servers.remember(server.id(), validity, lastUid);
        }
        return batch.size();
    }

    /** A mail kept as failed: left in the mailbox, not to be fetched again (POP3: its UIDL remembered first). */
    private void setAside(IncomingServer server, MailboxSession.Waiting mail, InboundResult failed, Progress progress)
            throws MessagingException {
        String uidl = mail.uidl();
        if (!server.imap()) {
            setAsideMails.add(server.id(), uidl, failed.logId(), clock.instant());
            progress.setAside.add(uidl);
        }
        mail.setAside();
        progress.failed++;
        progress.kept.add("mail " + mail.uid() + " (Incoming Log " + failed.logId() + "): " + failed.reason());
    }

    /** What one fetch has done so far, kept across its batches and told even when it is interrupted. */
    private static final class Progress {
        int fetched;
        int processed;
        int failed;
        final List<String> notStored = new ArrayList<>();
        final List<String> kept = new ArrayList<>();
        /** The mails that could not be stored: still unseen, not to be taken again by the next batch. */
        final Set<Long> leftBehind = new HashSet<>();
        /** POP3: the UIDLs of the mails set aside, in this fetch or before, never to be taken again. */
        final Set<String> setAside;

        Progress(Set<String> setAside) {
            this.setAside = new HashSet<>(setAside);
        }

        FetchReport report() {
            return new FetchReport(fetched, processed, failed);
        }

        /** What the server shows of this fetch: the mails left in the mailbox, and why; null when none was. */
        String problems() {
            List<String> problems = new ArrayList<>();
            if (!notStored.isEmpty()) {
                problems.add("left in the mailbox, not stored: " + String.join("; ", notStored));
            }
            if (!kept.isEmpty()) {
                problems.add(kept.size() + (kept.size() == 1 ? " mail" : " mails")
                        + " failed, kept as failed in the Incoming Log (retry it there) and left in the mailbox, not"
                        + " to be fetched again: " + String.join("; ", kept));
            }
            return problems.isEmpty() ? null : String.join(" | ", problems);
        }
    }

    private void failed(IncomingServer server, Throwable e) {
        Instant since = servers.failed(server, words(e), clock.instant());
        log.warn("Cannot fetch {}: {}", server.label(), words(e));
        if (e instanceof MailboxSignIn.ReconnectNeededException) {
            // only connecting the account again helps: the server stays confirmed, and is fetched once it is
            return;
        }
        if (!since.plus(GIVE_UP).isAfter(clock.instant())) {
            servers.backToDraft(server.id());
            notices.send(
                    "Incoming mail server " + server.name() + " set back to draft",
                    "The incoming mail server " + server.label() + " has failed to connect since " + since
                            + " (UTC) and has been set back to draft: no mail is fetched from it until an administrator"
                            + " tests and confirms it again (Settings > Discuss > Incoming Email Servers > Test & Confirm)."
                            + "\n\nLast error: " + words(e));
            log.error(
                    "{} has been failing since {}: set back to draft; an administrator must test and confirm it again",
                    server.label(),
                    since);
        }
    }

    /** Jakarta Mail's word for a dropped connection, which comes without a message. */
    private static boolean lost(MessagingException e) {
        return (e instanceof FolderClosedException || e instanceof StoreClosedException) && e.getMessage() == null;
    }

    private static String words(Throwable e) {
        Throwable deepest = e;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String message = e.getMessage() != null ? e.getMessage() : deepest.toString();
        return deepest != e && deepest.getMessage() != null && !message.contains(deepest.getMessage())
                ? message + ": " + deepest.getMessage()
                : message;
    }
}
