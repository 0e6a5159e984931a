package com.perfectwork.mail.bounce;

import com.perfectwork.mail.discussion.Chatter;
import com.perfectwork.mail.discussion.KnownMessage;
import com.perfectwork.mail.outgoing.MailQueue;
import com.perfectwork.mail.outgoing.MailState;
import com.perfectwork.mail.outgoing.OutgoingMail;
import java.util.List;
import java.util.Optional;

/**
 * Whether a report (a bounce or a complaint) is proven to be about a mail we sent, and which: only such a report may
 * change anything, since anyone can write one. The proofs, in order:
 *
 * <ol>
 *   <li>the VERP tag of the bounce address it was sent to ({@code bounce+<mailId>.<hmac>@}) verifies: only we can make
 *       it. The report is about that mail and its recipient, whatever address it names (a forwarded mailbox names its
 *       new address; a follower holding the tag of a notification sent to themselves names nobody else by it);
 *   <li>else a Message-ID it returns (the returned mail's, our {@code X-Perfectwork-Message-Id}, the report's own
 *       In-Reply-To or References) is one we sent to the failed address (or, when the report names none, to only one
 *       address).
 * </ol>
 *
 * A tag that does not verify is a forgery, whatever else the report says. Only a mail that was sent (or bounced
 * already) is one a report can be about.
 */
final class BounceAttribution {

    /** The verdict on a report. */
    sealed interface Verdict {

        /** About {@code mail}, proven as {@code proof} says. */
        record Ours(OutgoingMail mail, String proof) implements Verdict {}

        /** Not proven to be about a mail we sent: {@code why}. */
        record Unproven(String why) implements Verdict {}
    }

    private final Chatter chatter;
    private final MailQueue queue;

    BounceAttribution(Chatter chatter, MailQueue queue) {
        this.chatter = chatter;
        this.queue = queue;
    }

    /**
     * @param tag the VERP tag of the address the report was sent to
     * @param originals the Message-IDs the report returns, the most telling first
     * @param email the failed address the report names, normalized, or null
     */
    Verdict of(BounceTag tag, List<String> originals, String email) {
        if (tag.forged()) {
            return new Verdict.Unproven("the tag of " + tag.address() + " does not verify: a forged bounce");
        }
        if (tag.mailId().isPresent()) {
            long id = tag.mailId().get();
            return queue.find(id)
                    .filter(BounceAttribution::sent)
                    .<Verdict>map(mail -> new Verdict.Ours(mail, "by its tag"))
                    .orElseGet(() -> new Verdict.Unproven("mail " + id + " of its tag is not a sent mail"));
        }
        return byOriginal(originals, email);
    }

    private Verdict byOriginal(List<String> originals, String email) {
        List<KnownMessage> known = originals.isEmpty() ? List.of() : chatter.withMessageIds(originals);
        if (known.isEmpty()) {
            return new Verdict.Unproven(
                    originals.isEmpty()
                            ? "no tag, and no Message-ID in it"
                            : "no tag, and no Message-ID in it is one of a mail we sent");
        }
        for (String original : originals) {
            for (KnownMessage message : known) {
                if (message.messageIdHeader().equals(original)) {
                    Optional<OutgoingMail> mail = sentTo(queue.ofChatterMessage(message.id()), email);
                    if (mail.isPresent()) {
                        return new Verdict.Ours(mail.get(), "by the Message-ID " + original);
                    }
                }
            }
        }
        return new Verdict.Unproven(
                email == null
                        ? "no tag, and it names no failed address to tell which recipient of "
                                + known.get(0).messageIdHeader() + " it is about"
                        : "no tag, and " + known.get(0).messageIdHeader() + " was not sent to " + email);
    }

    /** The sent mail to the address; with no address, the only mail, if only one was sent. */
    private static Optional<OutgoingMail> sentTo(List<OutgoingMail> mails, String email) {
        List<OutgoingMail> sent = mails.stream().filter(BounceAttribution::sent).toList();
        if (email == null) {
            return sent.size() == 1 ? Optional.of(sent.get(0)) : Optional.empty();
        }
        return sent.stream()
                .filter(m -> email.equals(DsnParser.normalized(m.emailTo())))
                .findFirst();
    }

    private static boolean sent(OutgoingMail mail) {
        return mail.state() == MailState.SENT || mail.state() == MailState.BOUNCE;
    }
}
