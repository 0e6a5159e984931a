package com.perfectwork.mail.routing;

/**
 * An alias among a mail's recipients, and what its {@link ContactPolicy} says of the mail's sender, decided as the
 * mail is routed: {@link Admitted}, or {@link Refused} with the rule that refuses it (the sender is told it).
 */
public sealed interface AliasAdmission {

    Alias alias();

    record Admitted(Alias alias) implements AliasAdmission {}

    record Refused(Alias alias, String why) implements AliasAdmission {}
}
