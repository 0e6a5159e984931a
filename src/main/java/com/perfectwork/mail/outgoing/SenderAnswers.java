package com.perfectwork.mail.outgoing;

import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.settings.MailDomainSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Answers to the senders of received mail that could not be taken. They go from
 * {@code "MAILER-DAEMON" <bounce@alias domain>} through the queue like notifications, and at most one an hour
 * reaches one address: two systems answering each other must not become a loop of their own.
 */
@Component
public class SenderAnswers {

    static final Duration ONCE_PER = Duration.ofHours(1);
    static final String SENDER_NAME = "MAILER-DAEMON";

    private final OutgoingMails mails;
    private final ComposedMails composed;
    private final MailDomainSettings settings;
    private final Clock clock;

    SenderAnswers(OutgoingMails mails, ComposedMails composed, MailDomainSettings settings, Clock clock) {
        this.mails = mails;
        this.composed = composed;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Queues the answer in the caller's transaction, unless this address had one within the hour or there is no
     * address to answer from; says which, for the inbound log.
     */
    public String queue(SenderAnswer answer) {
        Instant now = clock.instant();
        Optional<EmailAddress> from =
                settings.bounceAddress().map(bounce -> new EmailAddress(SENDER_NAME, bounce.address()));
        if (from.isEmpty()) {
            return "not answered: no alias domain (mail.catchall.domain) to answer from";
        }
        String recipient = answer.to().normalized();
        if (mails.answeredSince(recipient, now.minus(ONCE_PER)) > 0) {
            return "not answered: " + recipient + " was answered less than an hour ago";
        }
        return "answered (mail " + composed.queue(answer, from.get(), recipient) + ")";
    }
}
