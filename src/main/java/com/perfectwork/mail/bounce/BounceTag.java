package com.perfectwork.mail.bounce;

import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.outgoing.VerpAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The VERP tag of the bounce address a bounce was sent to ({@code bounce+<mailId>.<hmac>@<alias domain>}): the
 * mail it is for, or forged when its HMAC does not verify; {@code address} is null when the bounce was sent to no
 * tagged address.
 */
record BounceTag(String address, Optional<Long> mailId) {

    static final BounceTag NONE = new BounceTag(null, Optional.empty());

    boolean forged() {
        return address != null && mailId.isEmpty();
    }

    static BounceTag of(List<EmailAddress> recipients, String bounceAlias, Optional<String> domain, VerpAddress verp) {
        String alias = bounceAlias.toLowerCase(Locale.ROOT);
        for (EmailAddress recipient : recipients) {
            boolean atOurDomain =
                    domain.map(d -> d.equalsIgnoreCase(recipient.domain())).orElse(true);
            if (atOurDomain && recipient.localPart().toLowerCase(Locale.ROOT).startsWith(alias + "+")) {
                return new BounceTag(recipient.address(), verp.decode(recipient.address(), bounceAlias));
            }
        }
        return NONE;
    }
}
