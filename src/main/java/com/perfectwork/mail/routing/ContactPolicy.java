package com.perfectwork.mail.routing;

import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.directory.Partners;
import com.perfectwork.mail.discussion.Follower;
import com.perfectwork.mail.discussion.Followers;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Who may write to an alias: {@code everyone}; {@code partners} (the sender is a known contact);
 * {@code followers} (the sender follows the alias's record). The last two take the From address for the sender only
 * when it is trusted ({@link SenderTrust}): a known contact's address on a mail that does not authenticate it does not
 * open the alias.
 */
@Component
public class ContactPolicy {

    private final Partners partners;
    private final Followers followers;

    ContactPolicy(Partners partners, Followers followers) {
        this.partners = partners;
        this.followers = followers;
    }

    /** Whether the sender may write to this alias, and if not, why. */
    public AliasAdmission admission(Alias alias, EmailAddress sender, SenderTrust trust) {
        return refusal(alias, sender, trust)
                .<AliasAdmission>map(why -> new AliasAdmission.Refused(alias, why))
                .orElseGet(() -> new AliasAdmission.Admitted(alias));
    }

    private Optional<String> refusal(Alias alias, EmailAddress sender, SenderTrust trust) {
        return switch (alias.contactPolicy()) {
            case "partners" ->
                refusal(
                        knownSender(sender).isPresent(),
                        trust,
                        "the alias " + alias.name() + " accepts mail from known contacts only");
            case "followers" ->
                refusal(
                        follows(alias, sender),
                        trust,
                        "the alias " + alias.name() + " accepts mail from followers only");
            default -> Optional.empty();
        };
    }

    private static Optional<String> refusal(boolean admitted, SenderTrust trust, String rule) {
        if (!admitted) {
            return Optional.of(rule);
        }
        return trust.trusted() ? Optional.empty() : Optional.of(rule + ", and " + trust.why());
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
