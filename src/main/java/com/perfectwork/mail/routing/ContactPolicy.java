package com.perfectwork.mail.routing;

import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.directory.Partners;
import com.perfectwork.mail.discussion.Follower;
import com.perfectwork.mail.discussion.Followers;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Who may write to an alias: {@code everyone}; {@code partners} (the sender is a known contact);
 * {@code followers} (the sender follows the alias's record).
 */
@Component
public class ContactPolicy {

    private final Partners partners;
    private final Followers followers;

    ContactPolicy(Partners partners, Followers followers) {
        this.partners = partners;
        this.followers = followers;
    }

    /** Why the sender may not write to this alias; empty when it may. */
    public Optional<String> refusal(Alias alias, EmailAddress sender) {
        return switch (alias.contactPolicy()) {
            case "partners" ->
                knownSender(sender).isPresent()
                        ? Optional.empty()
                        : Optional.of("the alias " + alias.name() + " accepts mail from known contacts only");
            case "followers" ->
                follows(alias, sender)
                        ? Optional.empty()
                        : Optional.of("the alias " + alias.name() + " accepts mail from followers only");
            default -> Optional.empty();
        };
    }

    /** The oldest contact with the sender's normalized address. */
    public Optional<Long> knownSender(EmailAddress sender) {
        return sender == null
                ? Optional.empty()
                : partners.findByEmail(sender.address()).stream().findFirst().map(p -> p.id());
    }

    private boolean follows(Alias alias, EmailAddress sender) {
        if (sender == null || alias.recordId() == null) {
            return false;
        }
        return followers.of(alias.recordId()).stream()
                .map(Follower::email)
                .flatMap(email -> EmailAddress.tryParse(email).stream())
                .anyMatch(email -> email.normalized().equals(sender.normalized()));
    }
}
