package com.perfectwork.mail.outgoing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The retry schedule of temporary failures, on a fixed clock. */
class RetryScheduleTest {

    private static final RetrySchedule DEFAULT =
            new RetrySchedule(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(24));
    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

    @ParameterizedTest(name = "after {0} failed attempts: wait {1} minutes")
    @CsvSource({"1, 1", "2, 2", "3, 4", "4, 8", "5, 16", "6, 32", "7, 60", "8, 60", "50, 60"})
    void theDelayDoublesFromOneMinuteUpToAnHour(int attempts, long minutes) {
        assertThat(DEFAULT.delayAfter(attempts)).isEqualTo(Duration.ofMinutes(minutes));
    }

    @Test
    void itGivesUpTwentyFourHoursAfterTheFirstAttempt() {
        assertThat(DEFAULT.givesUp(NOW, NOW.plus(Duration.ofHours(24)).minusSeconds(1)))
                .isFalse();
        assertThat(DEFAULT.givesUp(NOW, NOW.plus(Duration.ofHours(24)))).isTrue();
    }

    @Test
    void aDeferredMailStaysOutgoingWithItsErrorAndItsNextAttempt() {
        OutgoingMail update = mail(2, NOW.minusSeconds(300))
                .record(
                        plan(),
                        new DeliveryResult.Deferred("451 4.3.0 try later"),
                        "451 4.3.0 try later",
                        NOW,
                        DEFAULT);
        assertThat(update.state()).isEqualTo(MailState.OUTGOING);
        assertThat(update.attempts()).isEqualTo(3);
        assertThat(update.scheduledAt()).isEqualTo(NOW.plus(Duration.ofMinutes(4)));
        assertThat(update.failureReason()).isEqualTo("451 4.3.0 try later");
        assertThat(update.firstAttemptAt()).isEqualTo(NOW.minusSeconds(300));
    }

    @Test
    void aMailFailingForTooLongBecomesAnException() {
        OutgoingMail update = mail(20, NOW.minus(Duration.ofHours(25)))
                .record(plan(), new DeliveryResult.Deferred("connection refused"), null, NOW, DEFAULT);
        assertThat(update.state()).isEqualTo(MailState.EXCEPTION);
        assertThat(update.failureType()).isEqualTo(FailureType.MAIL_SMTP.code());
        assertThat(update.failureReason()).isEqualTo("gave up after 21 attempts: connection refused");
    }

    @Test
    void aMailWaitingForAServerCountsNoAttempt() {
        OutgoingMail update = mail(0, null).settle(new DeliveryResult.Deferred(DeliveryPlanner.NO_SERVER), NOW);
        assertThat(update.state()).isEqualTo(MailState.OUTGOING);
        assertThat(update.attempts()).isZero();
        assertThat(update.firstAttemptAt()).isNull();
        assertThat(update.scheduledAt()).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void aMailThatCannotBePreparedCountsAttemptsAndIsGivenUpAfterADay() {
        OutgoingMail retried = mail(0, null).defer("could not prepare the mail: attachment 3 is missing", NOW, DEFAULT);
        assertThat(retried.state()).isEqualTo(MailState.OUTGOING);
        assertThat(retried.attempts()).isEqualTo(1);
        assertThat(retried.firstAttemptAt()).isEqualTo(NOW);
        assertThat(retried.scheduledAt()).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
        assertThat(retried.failureReason()).isEqualTo("could not prepare the mail: attachment 3 is missing");

        OutgoingMail given =
                mail(30, NOW.minus(Duration.ofHours(24))).defer("could not prepare the mail: gone", NOW, DEFAULT);
        assertThat(given.state()).isEqualTo(MailState.EXCEPTION);
        assertThat(given.failureType()).isEqualTo(FailureType.UNKNOWN.code());
        assertThat(given.failureReason()).isEqualTo("gave up after 31 attempts: could not prepare the mail: gone");
    }

    @Test
    void overTheDailyLimitAMailWaitsForTheNextUtcDay() {
        OutgoingMail update = mail(0, null).overDailyLimit(java.time.LocalDate.parse("2026-05-01"));
        assertThat(update.scheduledAt()).isEqualTo(Instant.parse("2026-05-02T00:00:00Z"));
        assertThat(update.failureReason()).isEqualTo("daily limit reached");
        assertThat(update.state()).isEqualTo(MailState.OUTGOING);
    }

    @Test
    void anAcceptedMailIsSentAndClearsItsError() {
        OutgoingMail update = mail(1, NOW.minusSeconds(60))
                .record(plan(), new DeliveryResult.Accepted("250 2.0.0 Ok: queued"), null, NOW, DEFAULT);
        assertThat(update.state()).isEqualTo(MailState.SENT);
        assertThat(update.sentAt()).isEqualTo(NOW);
        assertThat(update.failureReason()).isNull();
        assertThat(update.smtpReply()).isEqualTo("250 2.0.0 Ok: queued");
        assertThat(update.emailFrom()).isEqualTo("Ann Author <ann@example.com>");
    }

    static OutgoingMail mail(int attempts, Instant firstAttempt) {
        return new OutgoingMail(
                7,
                70L,
                3L,
                5L,
                "bob@customer.example",
                null,
                "s",
                "<1.a@x>",
                false,
                MailState.OUTGOING,
                NOW.minusSeconds(10),
                attempts,
                firstAttempt,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                NOW.minusSeconds(3600),
                null,
                null,
                null,
                null);
    }

    static DeliveryPlan.Send plan() {
        DeliveryPlanner planner = DeliveryPlannerTest.planner(
                List.of(MailServerSelectorTest.server(1, 10, "example.com")), "mycompany.com");
        return (DeliveryPlan.Send) planner.plan(
                DeliveryPlannerTest.mail(7, "bob@customer.example"), DeliveryPlannerTest.content("ann@example.com"));
    }
}
