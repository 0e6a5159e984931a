package com.perfectwork.mail.inbound;

import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.settings.MailDomainSettings;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Which envelope recipients the SMTP and LMTP receivers take: addresses at the alias domain only, so that
 * neither is ever an open relay.
 */
@Component
class AliasDomainRecipients {

    /** The reply to a recipient at any other domain (RFC 3463 5.1.1: bad destination mailbox). */
    static final String REFUSAL = "5.1.1 <%s>: recipient address rejected: not a domain of this server";

    private final MailDomainSettings settings;

    AliasDomainRecipients(MailDomainSettings settings) {
        this.settings = settings;
    }

    /** The address to record as Delivered-To, or empty when the recipient is not ours. */
    Optional<String> accept(String recipient) {
        Optional<String> domain = settings.catchallDomain();
        Optional<EmailAddress> address = EmailAddress.tryParse(recipient);
        if (domain.isEmpty()
                || address.isEmpty()
                || !address.get().domain().equals(domain.get().toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of(address.get().address());
    }
}
