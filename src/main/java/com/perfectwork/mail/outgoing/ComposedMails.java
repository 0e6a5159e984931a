package com.perfectwork.mail.outgoing;

import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.core.MessageId;
import com.perfectwork.mail.storage.Filestore;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Queues a mail that is composed whole at once (an answer to a sender, a notice to administrators): its bytes go
 * to the filestore, its row to the queue, and the runner is woken once the caller's transaction commits.
 */
@Component
class ComposedMails {

    private final OutgoingMails mails;
    private final Filestore filestore;
    private final QueueRunner runner;
    private final TransactionalFirst transactionalFirst;
    private final Clock clock;

    ComposedMails(
            OutgoingMails mails,
            Filestore filestore,
            QueueRunner runner,
            TransactionalFirst transactionalFirst,
            Clock clock) {
        this.transactionalFirst = transactionalFirst;
        this.mails = mails;
        this.filestore = filestore;
        this.runner = runner;
        this.clock = clock;
    }

    /**
     * @param answered the normalized address an answer counts against (at most one an hour), or null for a notice
     * @return the id of the queued mail
     */
    long queue(SenderAnswer mail, EmailAddress from, String answered) {
        Instant now = clock.instant();
        String messageId = MessageId.generate(now, from.domain()).value();
        byte[] raw = SenderAnswerComposer.compose(mail, from, messageId, now);
        String hash = filestore.store(new ByteArrayInputStream(raw));
        long id = mails.enqueueAnswer(
                mail.to().formatted(), answered, from.formatted(), mail.subject(), messageId, hash, now);
        transactionalFirst.queuedAfterCommit();
        runner.wakeAfterCommit();
        return id;
    }
}
