package com.perfectwork.mail.outgoing;

/**
 * Jakarta Mail looks its StreamProvider up through a ServiceLoader scan for every message unless this
 * system property names it (jakartaee/mail-api#861); that scan took most of a sending thread's time.
 * Applied before the first message is built or sent.
 */
final class AngusTuning {

    static {
        System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
    }

    private AngusTuning() {}

    /** Loading this class applies the tuning; calling it documents the dependency. */
    static void apply() {}
}
