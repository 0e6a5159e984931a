package com.perfectwork.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The reason a failed mail is kept with: the failure's name, the step it broke, its words; any Throwable. */
class MailFailureTest {

    @Test
    void aStackOverflowWhileParsingIsNamedWithItsStep() {
        MailFailure failure = MailFailure.of(new MailFailure.InStep("parsing", new StackOverflowError()));

        assertThat(failure.reason())
                .isEqualTo(
                        "StackOverflowError while parsing: the mail is nested too deeply, or too long, to be processed");
        assertThat(failure.detail()).startsWith("java.lang.StackOverflowError");
    }

    @Test
    void anExhaustedHeapSaysSoWithTheJvmsWords() {
        assertThat(MailFailure.of(new OutOfMemoryError("Java heap space")).reason())
                .isEqualTo("OutOfMemoryError while routing and posting: the mail needs more memory than the server has"
                        + " (Java heap space)");
    }

    @Test
    void anyOtherErrorIsAFailureWithItsMessage() {
        assertThat(MailFailure.of(new MailFailure.InStep("parsing", new AssertionError("unexpected part")))
                        .reason())
                .isEqualTo("AssertionError while parsing: unexpected part");
        assertThat(MailFailure.of(new NullPointerException()).reason())
                .isEqualTo("NullPointerException while routing and posting: no further detail");
    }

    @Test
    void aStackOverflowALibraryReportedInItsOwnWordsIsNamed() {
        IllegalStateException reported = new IllegalStateException(
                "Cannot load interface jakarta.mail.util.StreamProvider as ServiceLoader", new StackOverflowError());

        MailFailure failure = MailFailure.of(new MailFailure.InStep("parsing", reported));

        assertThat(failure.reason()).startsWith("StackOverflowError while parsing: ");
        assertThat(failure.detail()).contains("Cannot load interface", "Caused by: java.lang.StackOverflowError");
    }
}
