package com.perfectwork.mail.routing;

import java.util.List;

/**
 * Where a received mail goes, as a value; {@code reason} says why, for the inbound log. It is decided once, and
 * carries what acting on it needs: for a mail that only looked like a bounce, where it goes if it reports nothing; for
 * mail to aliases, what each alias's contact policy says of the sender.
 */
public sealed interface Route {

    String reason();

    /** Its Message-ID is already in a thread: nothing is posted. */
    record Duplicate(String reason) implements Route {}

    /**
     * A delivery failure report or a mail to the bounce address: the bounce module's. Never answered. {@code asMail}
     * is null when it was sent to the bounce address or is a report by its structure: a bounce whatever it holds. Else
     * only its looks (its sender, a null Return-Path, its subject…) made it look like one, and {@code asMail} is
     * where it goes if the bounce module finds no report in it (a person wrote it): routed like any mail.
     */
    record Bounce(String reason, Route asMail) implements Route {

        /** Only its looks made it look like a report: the bounce module may find none in it. */
        public boolean tentative() {
            return asMail != null;
        }
    }

    /** A reply to a known message: posted on that message's record, of this model. */
    record Reply(long recordId, String model, String reason) implements Route {}

    /**
     * Mail to one or more aliases: each its contact policy admits creates a record of its model, or is posted on its
     * record; when every one refuses it, the sender is told why.
     */
    record ToAliases(List<AliasAdmission> aliases, String reason) implements Route {}

    /** Sent to the catchall address only, which collects replies and is no contact address: answered, not posted. */
    record CatchallOnly(String reason) implements Route {}

    /** No alias matched: a new record of the incoming server's fallback model. */
    record Fallback(String model, String reason) implements Route {

        /** The fallback model taken as an alias creating its records, which everyone may write to. */
        public AliasAdmission asAlias() {
            return new AliasAdmission.Admitted(new Alias(0, "fallback", model, null, null, "everyone"));
        }
    }

    /**
     * A mail to a mass mail's {@code mailto:} unsubscribe address ({@code unsubscribe+<token>@<alias domain>}, the
     * {@code List-Unsubscribe} header's second way): Email Marketing opts the recipient the token names out. Never
     * posted, never answered.
     */
    record Unsubscribe(String token, String reason) implements Route {}

    /**
     * A reply to a mass mail that reached only the catchall address (the mailing's Reply-To when it names none):
     * counted on the mailing, kept in the inbound log, neither posted nor answered.
     */
    record MassMailReply(String token, String reason) implements Route {}

    /** Nowhere to go: kept in the inbound log, not answered. */
    record Dropped(String reason) implements Route {}
}
