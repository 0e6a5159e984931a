package com.perfectwork.mail.routing;

/** Where a received mail goes, as a value; {@code reason} says why, for the inbound log. */
public sealed interface Route {

    String reason();

    /** Its Message-ID is already in a thread: nothing is posted. */
    record Duplicate(String reason) implements Route {}

    /**
     * A delivery failure report or a mail to the bounce address: the bounce module's. Never answered.
     * {@code tentative}: only its looks (its sender, a null Return-Path, its subject…) made it look like one; if the
     * bounce module finds no report in it, a person wrote it and it is routed like any mail
     * ({@link InboundRouter#routeAsMail}).
     */
    record Bounce(String reason, boolean tentative) implements Route {}

    /** A reply to a known message: posted on that message's record, of this model. */
    record Reply(long recordId, String model, String reason) implements Route {}

    /** Mail to one or more aliases: each creates a record of its model, or is posted on its record. */
    record ToAliases(java.util.List<Alias> aliases, String reason) implements Route {}

    /** Sent to the catchall address only, which collects replies and is no contact address: answered, not posted. */
    record CatchallOnly(String reason) implements Route {}

    /** No alias matched: a new record of the incoming server's fallback model. */
    record Fallback(String model, String reason) implements Route {}

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
