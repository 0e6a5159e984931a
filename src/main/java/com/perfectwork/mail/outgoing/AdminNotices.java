package com.perfectwork.mail.outgoing;

import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.directory.Role;
import com.perfectwork.mail.directory.UserAccount;
import com.perfectwork.mail.directory.UserAccounts;
import com.perfectwork.mail.settings.MailDomainSettings;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells the administrators (active users with the admin role and an email) about something that needs them, such
 * as an incoming server set back to draft. The mails go through the queue from the notifications address.
 */
@Component
public class AdminNotices {

    private static final Logger log = LoggerFactory.getLogger(AdminNotices.class);

    private final ComposedMails composed;
    private final UserAccounts users;
    private final MailDomainSettings settings;

    AdminNotices(ComposedMails composed, UserAccounts users, MailDomainSettings settings) {
        this.composed = composed;
        this.users = users;
        this.settings = settings;
    }

    /** Queues the notice to every administrator with an email; how many it was queued for. */
    public int send(String subject, String body) {
        Optional<EmailAddress> from = settings.notificationsAddress()
                .or(settings::bounceAddress)
                .map(address -> new EmailAddress("Perfectwork Mail", address.address()));
        List<EmailAddress> admins = users.list().stream()
                .filter(user -> user.active() && user.role() == Role.ADMIN)
                .map(UserAccount::email)
                .flatMap(email -> EmailAddress.tryParse(email).stream())
                .toList();
        if (from.isEmpty() || admins.isEmpty()) {
            log.warn(
                    "Administrators not told by mail ({}): {}",
                    from.isEmpty() ? "no notifications address" : "no administrator has an email",
                    subject);
            return 0;
        }
        for (EmailAddress admin : admins) {
            // a notice never counts against the hourly limit of answers to senders
            composed.queue(new SenderAnswer(admin, subject, body, null, List.of(), List.of(), null), from.get(), null);
        }
        return admins.size();
    }
}
