package com.perfectwork.mail.outgoing;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.core.EmailAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The server of a mass mail, one case per rung: its message's server, the setting's, the ladder; and what stops it. */
class BulkPlannerTest {

    static final MailServer TRANSACTIONAL = MailServerSelectorTest.server(1, 1, "mycompany.com");
    static final MailServer DEDICATED = MailServerSelectorTest.server(2, 20, "");
    static final String READER = "reader@customer.example";

    @Test
    void theServerItsMessageNamesCarriesItAndKeepsTheFrom() {
        DeliveryPlan.Send plan = send(planner(Optional.empty(), Set.of()).plan(mail(READER, true), template(2L)));
        assertThat(plan.choice().server().id()).isEqualTo(2);
        assertThat(plan.choice().rewritten()).isFalse();
        assertThat(plan.choice().from().address()).isEqualTo("news@marketing.example");
        assertThat(plan.choice().rule()).isEqualTo("dedicated server chosen for this mailing");
    }

    @Test
    void theSettingNamesTheServerWhenTheMessageNamesNone() {
        assertThat(send(planner(Optional.of(" 2 "), Set.of()).plan(mail(READER, true), template(null)))
                        .choice()
                        .server()
                        .id())
                .isEqualTo(2);
    }

    @Test
    void theMessagesServerComesBeforeTheSetting() {
        MailServer third = MailServerSelectorTest.server(3, 30, "");
        BulkPlanner planner = new BulkPlanner(
                context(false),
                DeliveryPlannerTest.planner(List.of(TRANSACTIONAL, DEDICATED, third), "mycompany.com"),
                List.of(TRANSACTIONAL, DEDICATED, third),
                Optional.of("2"),
                Set.of());
        assertThat(send(planner.plan(mail(READER, true), template(3L)))
                        .choice()
                        .server()
                        .id())
                .isEqualTo(3);
    }

    @Test
    void withoutADedicatedServerTheLadderChoosesAndMayRewriteTheFrom() {
        DeliveryPlan.Send plan = send(planner(Optional.empty(), Set.of()).plan(mail(READER, true), template(null)));
        assertThat(plan.choice().server().id()).isEqualTo(2);
        assertThat(plan.choice().rule()).startsWith("2.");
        assertThat(plan.choice().from().address()).isEqualTo("notifications@mycompany.com");
    }

    @Test
    void anInactiveDedicatedServerMakesTheMailWaitWithItsName() {
        MailServer inactive = copy(DEDICATED, DEDICATED.port(), false);
        BulkPlanner planner = new BulkPlanner(
                context(false),
                DeliveryPlannerTest.planner(List.of(TRANSACTIONAL), "mycompany.com"),
                List.of(TRANSACTIONAL, inactive),
                Optional.of("2"),
                Set.of());
        assertThat(waiting(planner.plan(mail(READER, true), template(null))))
                .isEqualTo("Dedicated server server 2 (smtp2.example:587) is inactive");
    }

    @Test
    void aMissingDedicatedServerMakesTheMailWait() {
        assertThat(waiting(planner(Optional.of("9"), Set.of()).plan(mail(READER, true), template(null))))
                .isEqualTo("Dedicated server #9 is missing");
        assertThat(waiting(planner(Optional.of("nine"), Set.of()).plan(mail(READER, true), template(null))))
                .isEqualTo("Dedicated server #nine is missing");
    }

    @Test
    void inHostedModeADedicatedServerOnPort25IsRefusedToo() {
        MailServer onPort25 = copy(DEDICATED, 25, true);
        BulkPlanner planner = new BulkPlanner(
                context(true),
                DeliveryPlannerTest.planner(List.of(TRANSACTIONAL, onPort25), Optional.empty(), "mycompany.com", true),
                List.of(TRANSACTIONAL, onPort25),
                Optional.of("2"),
                Set.of());
        assertThat(waiting(planner.plan(mail(READER, true), template(null)))).contains("port 25 is blocked");
    }

    @Test
    void aMassMailToABlacklistedAddressIsCanceledButATestMailGoes() {
        BulkPlanner planner = planner(Optional.empty(), Set.of(READER));
        assertThat(planner.plan(mail("Reader <Reader@Customer.example>", true), template(2L)))
                .isInstanceOfSatisfying(
                        DeliveryPlan.Cancel.class,
                        cancel -> assertThat(cancel.reason()).isEqualTo("blacklisted"));
        assertThat(planner.plan(mail(READER, false), template(2L))).isInstanceOf(DeliveryPlan.Send.class);
    }

    @Test
    void anInvalidAddressFailsAtOnce() {
        assertThat(planner(Optional.empty(), Set.of()).plan(mail("not an address", true), template(2L)))
                .isInstanceOfSatisfying(
                        DeliveryPlan.Settle.class,
                        settle -> assertThat(((DeliveryResult.Failed) settle.result()).type())
                                .isEqualTo(FailureType.MAIL_EMAIL_INVALID));
    }

    @Test
    void replyToIsTheMessagesElseTheCatchall() {
        BulkPlanner planner = planner(Optional.empty(), Set.of());
        assertThat(send(planner.plan(mail(READER, true), template(2L)))
                        .replyTo()
                        .getAddress())
                .isEqualTo("catchall@mycompany.com");
        BulkTemplate withReplyTo = new BulkTemplate(
                8,
                new BulkMessage(
                        "News",
                        "<p>x</p>",
                        null,
                        "news@marketing.example",
                        "Team <team@marketing.example>",
                        2L,
                        null,
                        null,
                        Map.of()));
        assertThat(send(planner.plan(mail(READER, true), withReplyTo)).replyTo().getAddress())
                .isEqualTo("team@marketing.example");
    }

    @Test
    void theEnvelopeIsTheTaggedBounceAddressOfEveryQueuedMail() {
        assertThat(send(planner(Optional.empty(), Set.of()).plan(mail(READER, true), template(2L)))
                        .envelopeFrom())
                .matches("bounce\\+42\\.[0-9a-f]{16}@mycompany\\.com");
    }

    private static BulkPlanner planner(Optional<String> setting, Set<String> blacklisted) {
        List<MailServer> servers = List.of(TRANSACTIONAL, DEDICATED);
        return new BulkPlanner(
                context(false), DeliveryPlannerTest.planner(servers, "mycompany.com"), servers, setting, blacklisted);
    }

    private static DeliveryContext context(boolean hosted) {
        return new DeliveryContext(
                List.of(TRANSACTIONAL, DEDICATED),
                Optional.empty(),
                Optional.of(new EmailAddress(null, "notifications@mycompany.com")),
                Optional.of("mycompany.com"),
                "catchall",
                "bounce",
                "My Company",
                hosted);
    }

    static BulkTemplate template(Long server) {
        return new BulkTemplate(
                7,
                new BulkMessage(
                        "News",
                        "<p>Hello {{token}}</p>",
                        null,
                        "news@marketing.example",
                        null,
                        server,
                        null,
                        null,
                        null));
    }

    static OutgoingMail mail(String to, boolean massMailing) {
        return new OutgoingMail(
                42,
                null,
                null,
                null,
                to,
                "news@marketing.example",
                "News",
                "<bulk.tok@mycompany.com>",
                massMailing,
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
                7L,
                "tok",
                null);
    }

    private static DeliveryPlan.Send send(DeliveryPlan plan) {
        assertThat(plan).isInstanceOf(DeliveryPlan.Send.class);
        return (DeliveryPlan.Send) plan;
    }

    private static String waiting(DeliveryPlan plan) {
        assertThat(plan).isInstanceOf(DeliveryPlan.Settle.class);
        return ((DeliveryResult.Deferred) ((DeliveryPlan.Settle) plan).result()).reason();
    }

    private static MailServer copy(MailServer s, int port, boolean active) {
        return new MailServer(
                s.id(),
                s.name(),
                s.host(),
                port,
                s.encryption(),
                s.authentication(),
                s.username(),
                s.hasPassword(),
                s.fromFilter(),
                s.priority(),
                active,
                s.verifyCertificates(),
                s.createdAt(),
                s.ratePerMinute(),
                s.oauthProvider());
    }
}
