package com.perfectwork.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.OutgoingFixture;
import com.perfectwork.mail.settings.MailDomainSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.unit.DataSize;

/**
 * The limits of the SMTP and LMTP receivers, over real sockets: the receivers of the application (default limits)
 * and receivers of the test's own, started with the settings a test needs on the application's pipeline.
 */
@ApiTest
class ReceiverLimitsIT {

    /** A reply is "at once" well within this; the receivers' timeouts are minutes. */
    private static final int AT_ONCE_MILLIS = 5_000;

    private static final String EHLO = "EHLO relay.example";
    private static final String LHLO = "LHLO relay.example";

    @LocalServerPort
    int port;

    @Autowired
    SmtpReceiver smtpReceiver;

    @Autowired
    LmtpReceiver lmtpReceiver;

    @Autowired
    InboundPipeline pipeline;

    @Autowired
    MailDomainSettings mailSettings;

    @Autowired
    AliasDomainRecipients ours;

    @Autowired
    DataSource database;

    String alias;
    final List<SmartLifecycle> started = new ArrayList<>();

    @BeforeEach
    void anAliasToWriteTo() {
        ApiClient admin = ApiClient.admin(port);
        new OutgoingFixture(admin).noServers().catchallDomain("mycompany.example");
        String tag = UUID.randomUUID().toString().substring(0, 6);
        admin.post("/api/aliases", Map.of("name", "limits-" + tag, "model", "helpdesk.ticket"));
        alias = "limits-" + tag + "@mycompany.example";
    }

    @AfterEach
    void stopTheTestsReceivers() {
        started.forEach(SmartLifecycle::stop);
    }

    @Test
    void aConnectionOverTheLimitOfItsAddressIsAnswered421() throws IOException {
        Limits limits = Limits.DEFAULT.perAddress(2);
        int smtp = smtp(limits).port().orElseThrow();
        int lmtp = lmtp(limits).port().orElseThrow();
        for (int receiver : List.of(smtp, lmtp)) {
            try (ReceiverClient first = new ReceiverClient(receiver, AT_ONCE_MILLIS);
                    ReceiverClient second = new ReceiverClient(receiver, AT_ONCE_MILLIS);
                    ReceiverClient third = new ReceiverClient(receiver, AT_ONCE_MILLIS)) {
                // which of the three is refused is the receiver's threads' race, not the order they connected in
                List<String> greetings = new ArrayList<>();
                ReceiverClient refused = null;
                for (ReceiverClient client : List.of(first, second, third)) {
                    String greeting = client.read();
                    greetings.add(greeting);
                    if (greeting != null && greeting.startsWith("421 ")) {
                        refused = client;
                    }
                }
                assertThat(greetings).filteredOn(g -> g.startsWith("220 ")).hasSize(2);
                assertThat(greetings)
                        .filteredOn(g -> g.startsWith("421 "))
                        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                        .containsIgnoringCase("too many connections");
                assertThat(refused.read()).as("and closed").isNull();
            }
            // room again once the receiver has seen them end
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                try (ReceiverClient again = new ReceiverClient(receiver, AT_ONCE_MILLIS)) {
                    return again.read().startsWith("220 ");
                }
            });
        }
    }

    @Test
    void theRecipientOverOneHundredIsAnswered452SoThatTheSenderSendsItLater() throws IOException {
        try (ReceiverClient smtp = ReceiverClient.greeted(smtpReceiver.port().orElseThrow(), EHLO, AT_ONCE_MILLIS);
                ReceiverClient lmtp = ReceiverClient.greeted(lmtpReceiver.port().orElseThrow(), LHLO, AT_ONCE_MILLIS)) {
            for (ReceiverClient client : List.of(smtp, lmtp)) {
                assertThat(client.send("MAIL FROM:<many@else.example>")).startsWith("250 ");
                for (int i = 0; i < 100; i++) {
                    assertThat(client.send("RCPT TO:<" + alias + ">")).startsWith("250 ");
                }
                // RFC 5321 §4.5.3.1.10, RFC 3463 4.5.3
                assertThat(client.send("RCPT TO:<" + alias + ">")).startsWith("452 4.5.3 ");
                assertThat(client.send("RSET")).startsWith("250 ");
            }
        }
    }

    @Test
    void aSaturatedReceiverAnswersAtOnceInsteadOfQueueing() throws IOException {
        Limits limits = Limits.DEFAULT.concurrentMails(1);
        SmtpReceiver smtp = smtp(limits);
        LmtpReceiver lmtp = lmtp(limits);
        try (ReceiverClient smtpLate = ReceiverClient.greeted(smtp.port().orElseThrow(), EHLO, AT_ONCE_MILLIS);
                ReceiverClient lmtpLate = ReceiverClient.greeted(lmtp.port().orElseThrow(), LHLO, AT_ONCE_MILLIS)) {
            for (ReceiverClient late : List.of(smtpLate, lmtpLate)) {
                assertThat(late.send("MAIL FROM:<late@else.example>")).startsWith("250 ");
                assertThat(late.send("RCPT TO:<" + alias + ">")).startsWith("250 ");
                assertThat(late.send("DATA")).startsWith("354 ");
            }
            // every slot taken while their data comes in, and while a new session starts a mail
            busy(smtp.slots(), () -> {
                assertThat(smtpLate.data(mail("late over SMTP"))).startsWith("451 4.3.2 ");
                try (ReceiverClient smtpNew = ReceiverClient.greeted(smtp.port().orElseThrow(), EHLO, AT_ONCE_MILLIS)) {
                    assertThat(smtpNew.send("MAIL FROM:<new@else.example>")).startsWith("421 4.3.2 ");
                    assertThat(smtpNew.read()).as("and closed").isNull();
                }
            });
            busy(lmtp.slots(), () -> {
                assertThat(lmtpLate.data(mail("late over LMTP"))).startsWith("451 4.3.2 <" + alias + "> ");
                try (ReceiverClient lmtpNew = ReceiverClient.greeted(lmtp.port().orElseThrow(), LHLO, AT_ONCE_MILLIS)) {
                    assertThat(lmtpNew.send("MAIL FROM:<new@else.example>")).startsWith("421 4.3.2 ");
                    assertThat(lmtpNew.read()).as("and closed").isNull();
                }
            });
            // a slot free again: the same sessions go on
            assertThat(smtpLate.send("MAIL FROM:<late@else.example>")).startsWith("250 ");
            assertThat(lmtpLate.send("MAIL FROM:<late@else.example>")).startsWith("250 ");
        }
    }

    @Test
    void aSessionIsClosedAfterTenErrors() throws IOException {
        for (int receiver :
                List.of(smtpReceiver.port().orElseThrow(), lmtpReceiver.port().orElseThrow())) {
            try (ReceiverClient client = new ReceiverClient(receiver, AT_ONCE_MILLIS)) {
                assertThat(client.read()).startsWith("220 ");
                for (int i = 1; i < 10; i++) {
                    assertThat(client.send("XYZZY " + i)).startsWith("500 ");
                }
                assertThat(client.send("NOOP")).as("not an error").startsWith("250 ");
                assertThat(client.send("XYZZY 10")).startsWith("500 ");
                assertThat(client.read()).startsWith("421 4.7.0 ");
                assertThat(client.read()).as("and closed").isNull();
            }
        }
    }

    @Test
    void aSilentClientIsToldAndClosedAfterTheCommandOrTheDataTimeout() throws IOException {
        Limits limits = Limits.DEFAULT.timeouts(Duration.ofMillis(300));
        Map<Integer, String> greetings = Map.of(
                smtp(limits).port().orElseThrow(), EHLO,
                lmtp(limits).port().orElseThrow(), LHLO);
        for (Map.Entry<Integer, String> receiver : greetings.entrySet()) {
            try (ReceiverClient silent = new ReceiverClient(receiver.getKey(), AT_ONCE_MILLIS)) {
                assertThat(silent.read()).startsWith("220 ");
                assertThat(silent.read()).as("no command").startsWith("421 ");
                assertThat(silent.read()).as("and closed").isNull();
            }
            try (ReceiverClient stalled =
                    ReceiverClient.greeted(receiver.getKey(), receiver.getValue(), AT_ONCE_MILLIS)) {
                stalled.send("MAIL FROM:<slow@else.example>");
                stalled.send("RCPT TO:<" + alias + ">");
                assertThat(stalled.send("DATA")).startsWith("354 ");
                stalled.write("Subject: half a mail\r\n");
                assertThat(stalled.read()).as("no more data").startsWith("421 4.4.2 ");
                assertThat(stalled.read()).as("and closed").isNull();
            }
        }
    }

    /** Runs the test's talk while the receiver's only processing slot is taken. */
    private static void busy(ProcessingSlots slots, Talk talk) {
        slots.ifFree(() -> {
                    try {
                        talk.run();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return true;
                })
                .orElseThrow();
    }

    private interface Talk {
        void run() throws IOException;
    }

    private byte[] mail(String subject) {
        return ("From: late@else.example\r\nTo: " + alias + "\r\nSubject: " + subject + "\r\nMessage-ID: <"
                        + UUID.randomUUID() + "@else.example>\r\n\r\nHello.\r\n")
                .getBytes();
    }

    private SmtpReceiver smtp(Limits limits) {
        SmtpReceiver receiver = new SmtpReceiver(
                pipeline,
                mailSettings,
                new SmtpReceiverSettings(
                        true,
                        "127.0.0.1",
                        0,
                        DataSize.ofMegabytes(50),
                        new SmtpReceiverSettings.Tls(null, null, "PKCS12", false),
                        200,
                        limits.perAddress,
                        100,
                        limits.commandTimeout,
                        limits.dataTimeout,
                        10,
                        limits.concurrentMails),
                ours,
                database);
        receiver.start();
        started.add(receiver);
        return receiver;
    }

    private LmtpReceiver lmtp(Limits limits) {
        LmtpReceiver receiver = new LmtpReceiver(
                pipeline,
                ours,
                mailSettings,
                new LmtpReceiverSettings(
                        true,
                        "127.0.0.1",
                        0,
                        DataSize.ofMegabytes(50),
                        50,
                        limits.perAddress,
                        100,
                        limits.commandTimeout,
                        limits.dataTimeout,
                        10,
                        limits.concurrentMails),
                database);
        receiver.start();
        started.add(receiver);
        return receiver;
    }

    /** The limits a test sets; the others are the defaults. */
    private record Limits(int perAddress, Duration commandTimeout, Duration dataTimeout, int concurrentMails) {

        static final Limits DEFAULT = new Limits(20, Duration.ofMinutes(5), Duration.ofMinutes(5), 0);

        Limits perAddress(int connections) {
            return new Limits(connections, commandTimeout, dataTimeout, concurrentMails);
        }

        Limits concurrentMails(int mails) {
            return new Limits(perAddress, commandTimeout, dataTimeout, mails);
        }

        Limits timeouts(Duration timeout) {
            return new Limits(perAddress, timeout, timeout, concurrentMails);
        }
    }
}
