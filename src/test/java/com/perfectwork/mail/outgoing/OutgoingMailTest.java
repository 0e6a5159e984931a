package com.perfectwork.mail.outgoing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.perfectwork.mail.core.ConflictException;
import com.perfectwork.mail.core.MailBounced;
import com.perfectwork.mail.core.MailFailed;
import com.perfectwork.mail.core.MailSent;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A queued mail's transitions: each starts only from its states, keeps what it must, and says what others follow. */
class OutgoingMailTest {

    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
    private static final RetrySchedule RETRY =
            new RetrySchedule(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(24));

    private final OutgoingMail waiting = RetryScheduleTest.mail(0, null);
    private final OutgoingMail sent =
            waiting.record(RetryScheduleTest.plan(), new DeliveryResult.Accepted("250 ok"), "unused", NOW, RETRY);

    @Test
    void aSentMailIsSentForGoodAndCarriesNoConversation() {
        assertThat(sent.state()).isEqualTo(MailState.SENT);
        assertThat(sent.transcript()).isNull();
        assertThat(sent.outcome()).contains(new MailSent(7, 70L));
        assertThatThrownBy(() ->
                        sent.record(RetryScheduleTest.plan(), new DeliveryResult.Accepted("250"), null, NOW, RETRY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("it is sent");
        assertThatThrownBy(() -> sent.requeue(NOW)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(sent::cancel).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> sent.waitForServer(NOW, "later")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRefusedMailKeepsTheConversationThatRefusedIt() {
        OutgoingMail refused = waiting.record(
                RetryScheduleTest.plan(),
                new DeliveryResult.Failed(FailureType.MAIL_EMAIL_INVALID, "550 no such user"),
                "RCPT TO:<bob@customer.example>\n550 no such user",
                NOW,
                RETRY);
        assertThat(refused.state()).isEqualTo(MailState.EXCEPTION);
        assertThat(refused.attempts()).isEqualTo(1);
        assertThat(refused.transcript()).endsWith("550 no such user");
        assertThat(refused.outcome())
                .contains(new MailFailed(7, 70L, FailureType.MAIL_EMAIL_INVALID.code(), "550 no such user"));
        // an administrator may cancel it, so that nobody retries it by mistake: its failure stays shown
        OutgoingMail canceled = refused.cancel();
        assertThat(canceled.state()).isEqualTo(MailState.CANCEL);
        assertThat(canceled.failureReason()).isEqualTo("550 no such user");
    }

    @Test
    void onlyASentMailBouncesAndTheNewestBounceCounts() {
        assertThatThrownBy(() -> waiting.bounced("550 gone")).isInstanceOf(ConflictException.class);
        OutgoingMail bounced = sent.bounced("550 gone").bounced("550 gone for good");
        assertThat(bounced.state()).isEqualTo(MailState.BOUNCE);
        assertThat(bounced.outcome())
                .contains(new MailBounced(7, 70L, FailureType.MAIL_BOUNCE.code(), "550 gone for good"));
        OutgoingMail again = bounced.requeue(NOW);
        assertThat(again.state()).isEqualTo(MailState.OUTGOING);
        assertThat(again.attempts()).isZero();
        assertThat(again.failureReason()).isNull();
        assertThat(again.scheduledAt()).isEqualTo(NOW);
        assertThat(again.outcome()).isEmpty();
    }

    @Test
    void aMailThatWaitsHasNoOutcomeYetAndKeepsItsLastAttempt() {
        OutgoingMail deferred = waiting.record(
                RetryScheduleTest.plan(), new DeliveryResult.Deferred("451 later"), "451 later", NOW, RETRY);
        OutgoingMail parked = deferred.overDailyLimit(java.time.LocalDate.parse("2026-05-01"));
        assertThat(parked.outcome()).isEmpty();
        assertThat(parked.attempts()).isEqualTo(1);
        assertThat(parked.smtpReply()).isEqualTo("451 later");
        assertThat(parked.mailServerId()).isEqualTo(deferred.mailServerId());
    }
}
