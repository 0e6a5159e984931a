package com.perfectwork.mail.bounce;

/** What the bounce module made of a mail that looked like a delivery report. */
public sealed interface BounceOutcome {

    /** A bounce (or a complaint), understood and recorded; {@code summary} says what it changed. */
    record Recorded(BounceReport report, String summary) implements BounceOutcome {}

    /** Not a bounce after all (a delayed-delivery notice, an auto-reply, a read receipt): {@code why}. */
    record NotABounce(String why) implements BounceOutcome {}
}
