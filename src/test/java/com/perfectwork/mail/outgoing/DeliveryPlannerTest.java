package com.perfectwork.mail.outgoing;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.discussion.MailableMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Addresses checked before any connection, and the envelope sender (Return-Path) rule. */
class DeliveryPlannerTest {

    private static final VerpAddress VERP = new VerpAddress(new byte[32]);

    @ParameterizedTest(name = "server filter ''{0}'', catchall ''{1}'', author {2} -> envelope {3}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                // the bounce address matches the chosen server's filter: tagged bounce address
                "''                 | mycompany.com | ann@example.com   | bounce+42.*@mycompany.com",
                "mycompany.com      | mycompany.com | ann@mycompany.com | bounce+42.*@mycompany.com",
                "mycompany.com,x.io | mycompany.com | ann@x.io          | bounce+42.*@mycompany.com",
                // it does not: the From itself
                "example.com        | mycompany.com | ann@example.com   | ann@example.com",
                "ann@example.com    | mycompany.com | ann@example.com   | ann@example.com",
                // no catchall domain, no bounce address: the From
                "''                 | -             | ann@example.com   | ann@example.com",
                // a rewritten From: the bounce address when the filter accepts it
                "''                 | mycompany.com | ann@other.org     | bounce+42.*@mycompany.com",
            })
    void theEnvelopeIsTheTaggedBounceAddressWhenTheServerMaySendIt(
            String filter, String catchall, String author, String envelope) {
        DeliveryPlanner planner = planner(List.of(MailServerSelectorTest.server(1, 10, filter)), catchall);
        DeliveryPlan plan = planner.plan(mail(42, "Bob <bob@customer.example>"), content(author));
        assertThat(plan).isInstanceOf(DeliveryPlan.Send.class);
        String actual = ((DeliveryPlan.Send) plan).envelopeFrom();
        assertThat(actual)
                .matches(envelope.replace(".", "\\.").replace("+", "\\+").replace("*", "[0-9a-f]{16}"));
        if (actual.startsWith("bounce+")) {
            assertThat(VERP.decode(actual, "bounce")).hasValue(42L);
        }
    }

    @Test
    void aMissingRecipientFailsBeforeAnyConnection() {
        assertFailed(
                planner(List.of(MailServerSelectorTest.server(1, 10, "")), "mycompany.com")
                        .plan(mail(1, null), content("ann@example.com")),
                FailureType.MAIL_EMAIL_MISSING);
    }

    @Test
    void anInvalidRecipientFailsBeforeAnyConnection() {
        assertFailed(
                planner(List.of(MailServerSelectorTest.server(1, 10, "")), "mycompany.com")
                        .plan(mail(1, "bob@"), content("ann@example.com")),
                FailureType.MAIL_EMAIL_INVALID);
    }

    @Test
    void anAuthorWithoutEmailWritesFromTheNotificationsAddress() {
        DeliveryPlan plan = planner(List.of(MailServerSelectorTest.server(1, 10, "")), "mycompany.com")
                .plan(mail(1, "bob@customer.example"), content(null));
        assertThat(((DeliveryPlan.Send) plan).choice().from().formatted())
                .isEqualTo("Ann Author <notifications@mycompany.com>");
    }

    @Test
    void withoutAnySenderTheMailFailsAsFromMissing() {
        assertFailed(
                planner(List.of(MailServerSelectorTest.server(1, 10, "")), null)
                        .plan(mail(1, "bob@customer.example"), content(null)),
                FailureType.MAIL_FROM_MISSING);
    }

    @Test
    void withoutAnyServerTheMailWaits() {
        DeliveryPlan plan =
                planner(List.of(), "mycompany.com").plan(mail(1, "bob@customer.example"), content("ann@example.com"));
        assertThat(((DeliveryPlan.Settle) plan).result())
                .isEqualTo(new DeliveryResult.Deferred(DeliveryPlanner.NO_SERVER));
    }

    @Test
    void inHostedModeTheConfiguredServerOnPort25IsRefusedAndTheMailWaitsWithTheReason() {
        DeliveryPlan plan = planner(
                        List.of(), Optional.of(MailServerSelectorTest.configured("")), "mycompany.com", true)
                .plan(mail(1, "bob@customer.example"), content("ann@example.com"));
        assertThat(((DeliveryPlan.Settle) plan).result())
                .isEqualTo(new DeliveryResult.Deferred("configured server (localhost:25): port 25 is blocked for"
                        + " security reasons on hosted databases; try 465, 587 or 2525 instead"));
    }

    @Test
    void inHostedModeAServerRecordOnPort25IsRefusedToo() {
        MailServer saved = MailServerSelectorTest.server(1, 10, "");
        MailServer onPort25 = new MailServer(
                saved.id(),
                saved.name(),
                saved.host(),
                25,
                saved.encryption(),
                saved.authentication(),
                null,
                false,
                saved.fromFilter(),
                saved.priority(),
                true,
                true,
                saved.createdAt(),
                null,
                null);
        DeliveryPlan plan = planner(List.of(onPort25), Optional.empty(), "mycompany.com", true)
                .plan(mail(1, "bob@customer.example"), content("ann@example.com"));
        assertThat(((DeliveryPlan.Settle) plan).result())
                .isInstanceOfSatisfying(
                        DeliveryResult.Deferred.class,
                        deferred -> assertThat(deferred.reason())
                                .isEqualTo("server 1 (smtp1.example:25): " + MailServers.PORT_BLOCKED));
    }

    @Test
    void onPremisesPort25Sends() {
        assertThat(planner(List.of(), Optional.of(MailServerSelectorTest.configured("")), "mycompany.com", false)
                        .plan(mail(1, "bob@customer.example"), content("ann@example.com")))
                .isInstanceOf(DeliveryPlan.Send.class);
    }

    @Test
    void theRecipientIsNamedAndItsDomainSentInAscii() {
        DeliveryPlan.Send plan =
                (DeliveryPlan.Send) planner(List.of(MailServerSelectorTest.server(1, 10, "")), "mycompany.com")
                        .plan(mail(1, "\"Jürgen Müller\" <jurgen@bücher.example>"), content("ann@example.com"));
        assertThat(plan.to().getAddress()).isEqualTo("jurgen@xn--bcher-kva.example");
        assertThat(plan.to().getPersonal()).isEqualTo("Jürgen Müller");
        assertThat(plan.to().toString()).contains("=?UTF-8?");
    }

    @Test
    void replyToIsTheCatchallNamedAfterCompanyAndRecord() {
        DeliveryPlan.Send plan =
                (DeliveryPlan.Send) planner(List.of(MailServerSelectorTest.server(1, 10, "")), "mycompany.com")
                        .plan(mail(1, "bob@customer.example"), content("ann@example.com"));
        assertThat(plan.replyTo().getAddress()).isEqualTo("catchall@mycompany.com");
        assertThat(plan.replyTo().getPersonal()).isEqualTo("My Company Chairs for the office");
    }

    @Test
    void replyToIsTheAuthorWithoutCatchallDomain() {
        DeliveryPlan.Send plan = (DeliveryPlan.Send) planner(List.of(MailServerSelectorTest.server(1, 10, "")), null)
                .plan(mail(1, "bob@customer.example"), content("ann@example.com"));
        assertThat(plan.replyTo().getAddress()).isEqualTo("ann@example.com");
    }

    private static void assertFailed(DeliveryPlan plan, FailureType type) {
        assertThat(plan).isInstanceOf(DeliveryPlan.Settle.class);
        assertThat(((DeliveryPlan.Settle) plan).result())
                .isInstanceOfSatisfying(
                        DeliveryResult.Failed.class,
                        failed -> assertThat(failed.type()).isEqualTo(type));
    }

    static DeliveryPlanner planner(List<MailServer> servers, String catchall) {
        return planner(servers, Optional.empty(), catchall, false);
    }

    static DeliveryPlanner planner(
            List<MailServer> servers, Optional<MailServer> configured, String catchall, boolean hosted) {
        Optional<String> domain = Optional.ofNullable(catchall);
        return new DeliveryPlanner(
                new DeliveryContext(
                        servers,
                        configured,
                        domain.map(d -> new EmailAddress(null, "notifications@" + d)),
                        domain,
                        "catchall",
                        "bounce",
                        "My Company",
                        hosted),
                VERP);
    }

    static OutgoingMail mail(long id, String to) {
        return new OutgoingMail(
                id,
                7L,
                3L,
                5L,
                to,
                null,
                "subject",
                "<1.a@mycompany.com>",
                false,
                MailState.OUTGOING,
                Instant.EPOCH,
                0,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                Instant.EPOCH,
                null,
                null,
                null,
                null);
    }

    static NotificationComposer.Content content(String authorEmail) {
        MailableMessage message = new MailableMessage(
                3,
                9,
                "crm.lead",
                "Chairs for the office",
                11L,
                "Ann Author",
                authorEmail,
                "Delivery",
                "<p>hello</p>",
                null,
                "<1.a@mycompany.com>",
                null,
                List.of());
        return NotificationComposer.prepare(message, "http://localhost:8069/web/records/9", null);
    }
}
