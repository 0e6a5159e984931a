package com.perfectwork.mail.outgoing;

import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Transactional mail goes before mass mail. A claim takes the due transactional mails first ({@link
 * OutgoingMails#claim}); and while a claim's mass mails are being sent, transactional mail queued on this instance
 * meanwhile (a comment's notifications, an answer, a notice, a mail put back in the queue) makes them give way: each
 * connection stops after the mail in hand, the unsent mass mails go back to the queue, and the next claim takes the
 * transactional mail first. Mass mails can so be claimed by the hundred (few claims, few round trips to the database
 * and the server) without a comment waiting for a whole claim of them. Another instance's transactional mail is
 * claimed by that instance's own runner, which gives way on its side.
 */
@Component
class TransactionalFirst {

    private final AtomicBoolean queued = new AtomicBoolean();

    /** Transactional mail is being queued: mass mails give way once the transaction commits (before, no claim sees it). */
    void queuedAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    queued.set(true);
                }
            });
        } else {
            queued.set(true);
        }
    }

    /** A claim is being made: it takes every transactional mail due, so nothing waits any more. */
    void claiming() {
        queued.set(false);
    }

    /** Whether transactional mail was queued since the last claim: the mass mails being sent give way. */
    boolean waiting() {
        return queued.get();
    }
}
