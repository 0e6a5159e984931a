package com.perfectwork.mail.discussion;

import com.perfectwork.mail.core.MailBounced;
import com.perfectwork.mail.core.MailCanceled;
import com.perfectwork.mail.core.MailFailed;
import com.perfectwork.mail.core.MailOutcome;
import com.perfectwork.mail.core.MailOutcomes;
import com.perfectwork.mail.core.MailRequeued;
import com.perfectwork.mail.core.MailSent;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Each notification follows the mail it was sent as: sent, the red envelope of a failure or a bounce, canceled, or
 * ready again when the mail is retried. In the transaction that records the mails' outcomes, so that a message's
 * envelope never says sent for a mail that is not. The sent ones of a flush in one statement.
 */
@Component
class NotificationOutcomes {

    private final Notifications notifications;

    NotificationOutcomes(Notifications notifications) {
        this.notifications = notifications;
    }

    @EventListener
    void on(MailOutcomes event) {
        List<Long> sent = new ArrayList<>();
        for (MailOutcome outcome : event.outcomes()) {
            if (outcome.notificationId() == null) {
                continue;
            }
            long notification = outcome.notificationId();
            if (outcome instanceof MailSent) {
                sent.add(notification);
            } else if (outcome instanceof MailFailed failed) {
                notifications.markFailed(
                        notification, NotificationStatus.EXCEPTION, failed.failureType(), failed.reason());
            } else if (outcome instanceof MailBounced bounced) {
                notifications.markFailed(
                        notification, NotificationStatus.BOUNCE, bounced.failureType(), bounced.reason());
            } else if (outcome instanceof MailCanceled) {
                notifications.mark(notification, NotificationStatus.CANCELED);
            } else if (outcome instanceof MailRequeued) {
                notifications.mark(notification, NotificationStatus.READY);
            }
        }
        notifications.markSent(sent);
    }
}
