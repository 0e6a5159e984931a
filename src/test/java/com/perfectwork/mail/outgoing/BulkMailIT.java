package com.perfectwork.mail.outgoing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ClockedApiTest;
import com.perfectwork.mail.MovableClock;
import com.perfectwork.mail.OutgoingFixture;
import com.perfectwork.mail.ScriptedSmtpServer;
import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.core.MassMailMessageId;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Mass mail through the queue, on two real SMTP servers: the transactional one (first by priority) and the
 * dedicated one. The queue is processed in the test's thread, so that the outcomes it publishes are recorded.
 */
@ClockedApiTest
class BulkMailIT {

    @RegisterExtension
    static GreenMailExtension transactional = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @RegisterExtension
    static GreenMailExtension dedicated = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @LocalServerPort
    int port;

    @Autowired
    BulkMail bulkMail;

    @Autowired
    MailQueue queue;

    @Autowired
    MovableClock clock;

    @Autowired
    OutgoingSettings settings;

    @Autowired
    TransactionalFirst transactionalFirst;

    @Autowired
    DeliveryWorker worker;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ConfigurableApplicationContext context;

    /** The outcomes published while the test runs, from whatever thread (each connection sends on its own). */
    final List<BulkOutcome> published = new CopyOnWriteArrayList<>();

    final ApplicationListener<ApplicationEvent> recorder = event -> {
        if (event instanceof PayloadApplicationEvent<?> payload
                && payload.getPayload() instanceof BulkMailsDelivered delivered) {
            published.addAll(delivered.outcomes());
        }
    };

    ApiClient admin;
    OutgoingFixture fixture;
    long transactionalServer;
    long dedicatedServer;

    @BeforeEach
    void setUp() {
        context.addApplicationListener(recorder);
        admin = ApiClient.admin(port);
        fixture = new OutgoingFixture(admin)
                .noServers()
                .catchallDomain("mycompany.example")
                .parameter(BulkMail.DEDICATED_SERVER, null);
        transactionalServer =
                fixture.server("transactional", transactional.getSmtp().getPort(), "mycompany.example", 1, Map.of());
        dedicatedServer = fixture.server("dedicated", dedicated.getSmtp().getPort(), null, 20, Map.of());
    }

    @AfterEach
    void tearDown() {
        context.removeApplicationListener(recorder);
        fixture.parameter(BulkMail.DEDICATED_SERVER, null).noServers();
    }

    @Test
    void theDedicatedServerCarriesEveryMassMailPersonalisedAndTheTransactionalServerTheComments() throws Exception {
        fixture.parameter(BulkMail.DEDICATED_SERVER, Long.toString(dedicatedServer));
        long record = fixture.record("Newsletter launch");
        String follower = fixture.follower(record, "Mary", "customer.example")
                .get("email")
                .asString();
        long bulk = bulkMail.create(newsletter("news@marketing.example", null));
        List<BulkRecipient> recipients = recipients(3);
        bulkMail.queue(bulk, recipients, clock.instant());
        fixture.post(record, fixture.author("Ann", "mycompany.example"), "Launch", "<p>a comment</p>");

        queue.process();

        assertThat(received(transactional)).containsExactly(follower);
        assertThat(received(dedicated))
                .containsExactlyInAnyOrderElementsOf(
                        recipients.stream().map(BulkRecipient::email).toList());
        BulkRecipient first = recipients.get(0);
        MimeMessage mail = to(dedicated, first.email());
        assertThat(mail.getHeader("Message-ID", null)).isEqualTo("<bulk." + first.token() + "@mycompany.example>");
        assertThat(MassMailMessageId.token("<1.a@x.example> " + mail.getHeader("Message-ID", null)))
                .contains(first.token());
        assertThat(mail.getHeader("List-Unsubscribe", null).replaceAll("\\s+", " "))
                .isEqualTo("<https://mycompany.example/mail/unsubscribe/" + first.token() + ">, <mailto:unsubscribe+"
                        + first.token() + "@mycompany.example>");
        assertThat(mail.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(mail.getHeader("Precedence", null)).isEqualTo("bulk");
        assertThat(mail.getHeader("Auto-Submitted")).isNull();
        assertThat(mail.getHeader("X-Campaign", null)).isEqualTo("spring-" + first.token());
        assertThat(mail.getSubject()).isEqualTo("Our spring news");
        // forced server: the From is never rewritten, whatever the filters say
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("news@marketing.example");
        assertThat(((InternetAddress) mail.getReplyTo()[0]).getAddress()).isEqualTo("catchall@mycompany.example");
        assertThat(mail.getHeader("Return-Path", null)).matches("<bounce\\+\\d+\\.[0-9a-f]{16}@mycompany\\.example>");
        MimeMultipart alternative = (MimeMultipart) mail.getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        assertThat((String) alternative.getBodyPart(0).getContent())
                .contains("Hello, your code is " + first.token())
                .doesNotContain("{{token}}");
        assertThat((String) alternative.getBodyPart(1).getContent())
                .contains("<a href=\"https://mycompany.example/mail/track/" + first.token() + "/click/1\">")
                .doesNotContain("{{token}}");
        assertThat((String) ((MimeMultipart)
                                to(dedicated, recipients.get(1).email()).getContent())
                        .getBodyPart(0)
                        .getContent())
                .contains("your code is " + recipients.get(1).token());

        JsonNode row = fixture.mailTo(first.email());
        assertThat(row.get("mailServerId").asLong()).isEqualTo(dedicatedServer);
        assertThat(row.get("serverRule").asString()).isEqualTo("dedicated server chosen for this mailing");
        assertThat(bulkMail.progress(bulk)).isEqualTo(new BulkProgress(0, 3, 0, 0, 0));
        assertThat(outcomes())
                .extracting(BulkOutcome::bulkMessageId, BulkOutcome::token, BulkOutcome::state)
                .containsExactlyInAnyOrderElementsOf(recipients.stream()
                        .map(r -> tuple(bulk, r.token(), BulkOutcome.SENT))
                        .toList());
    }

    @Test
    void withoutADedicatedServerTheLadderChoosesAndAMessageMayNameItsOwn() throws Exception {
        long byLadder = bulkMail.create(newsletter("news@mycompany.example", null));
        long named = bulkMail.create(newsletter("news@mycompany.example", dedicatedServer));
        List<BulkRecipient> toLadder = recipients(2);
        List<BulkRecipient> toNamed = recipients(1);
        bulkMail.queue(byLadder, toLadder, clock.instant());
        bulkMail.queue(named, toNamed, clock.instant());

        queue.process();

        assertThat(received(transactional))
                .containsExactlyInAnyOrderElementsOf(
                        toLadder.stream().map(BulkRecipient::email).toList());
        assertThat(received(dedicated)).containsExactly(toNamed.get(0).email());
        assertThat(fixture.mailTo(toLadder.get(0).email()).get("serverRule").asString())
                .startsWith("1.");
    }

    @Test
    void massMailWaitsWithTheReasonWhileItsDedicatedServerIsInactiveOrMissingThenGoes() {
        admin.put("/api/mail-servers/" + dedicatedServer, Map.of("active", false));
        fixture.parameter(BulkMail.DEDICATED_SERVER, Long.toString(dedicatedServer));
        long bulk = bulkMail.create(newsletter("news@mycompany.example", null));
        int claim = settings.queue().massClaimSize();
        List<BulkRecipient> recipients = recipients(claim + 10);
        BulkRecipient recipient = recipients.get(0);
        bulkMail.queue(bulk, recipients, clock.instant());

        // one claim found the server inactive; the 10 mails after it waited at once, without being claimed
        assertThat(queue.process().deferred()).isEqualTo(claim);
        assertThat(fixture.queue("outgoing").stream()
                        .filter(m -> m.get("emailTo").asString().contains("@reader.example"))
                        .filter(m -> m.get("failureReason").asString().endsWith(" is inactive")))
                .hasSize(claim + 10);
        JsonNode waiting = fixture.mailTo(recipient.email());
        assertThat(waiting.get("state").asString()).isEqualTo("outgoing");
        assertThat(waiting.get("attempts").asInt()).isZero();
        assertThat(waiting.get("failureReason").asString())
                .isEqualTo("Dedicated server dedicated (127.0.0.1:"
                        + dedicated.getSmtp().getPort() + ") is inactive");

        fixture.parameter(BulkMail.DEDICATED_SERVER, "999999");
        clock.advance(Duration.ofMinutes(2));
        queue.process();
        assertThat(fixture.mailTo(recipient.email()).get("failureReason").asString())
                .isEqualTo("Dedicated server #999999 is missing");
        assertThat(received(transactional)).isEmpty();
        assertThat(received(dedicated)).isEmpty();
        assertThat(outcomes()).isEmpty();

        fixture.parameter(BulkMail.DEDICATED_SERVER, Long.toString(dedicatedServer));
        admin.put("/api/mail-servers/" + dedicatedServer, Map.of("active", true)); // releases the waiting mails
        queue.process();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(received(dedicated))
                        .containsExactlyInAnyOrderElementsOf(
                                recipients.stream().map(BulkRecipient::email).toList()));
        assertThat(received(transactional)).isEmpty();
    }

    @Test
    void cancelStopsEveryMailNotSentYetAndPublishesTheirOutcome() {
        long bulk = bulkMail.create(newsletter("news@mycompany.example", null));
        List<BulkRecipient> recipients = recipients(3);
        bulkMail.queue(bulk, recipients, clock.instant().plus(Duration.ofHours(1)));
        assertThat(bulkMail.progress(bulk)).isEqualTo(new BulkProgress(3, 0, 0, 0, 0));
        long one = fixture.mailTo(recipients.get(2).email()).get("id").asLong();
        assertThat(admin.post("/api/mail-queue/" + one + "/cancel", Map.of()).status())
                .isEqualTo(200);

        assertThat(bulkMail.cancel(bulk)).isEqualTo(2);
        assertThat(bulkMail.cancel(bulk)).isZero();

        clock.advance(Duration.ofHours(2));
        queue.process();
        assertThat(received(transactional)).isEmpty();
        assertThat(bulkMail.progress(bulk)).isEqualTo(new BulkProgress(0, 0, 0, 0, 3));
        assertThat(fixture.mailTo(recipients.get(0).email())
                        .get("failureReason")
                        .asString())
                .isEqualTo("canceled");
        assertThat(outcomes())
                .extracting(BulkOutcome::token, BulkOutcome::state, BulkOutcome::reason)
                .containsExactlyInAnyOrderElementsOf(recipients.stream()
                        .map(r -> tuple(r.token(), BulkOutcome.CANCELED, "canceled"))
                        .toList());
    }

    @Test
    void aMassMailToABlacklistedAddressIsCanceledWhenItComesToBeSentButItsCommentsStillGo() throws Exception {
        long bulk = bulkMail.create(newsletter("news@mycompany.example", null));
        List<BulkRecipient> recipients = recipients(2);
        BulkRecipient blacklisted = recipients.get(0);
        bulkMail.queue(bulk, recipients, clock.instant());
        // written straight to the table: the address is on the blacklist, but no event suppressed its mails
        jdbc.sql(
                        "INSERT INTO blacklist_entries (email, active, reason, created_at, updated_at) VALUES (?, TRUE, ?, ?, ?)")
                .params(
                        blacklisted.email(),
                        "test",
                        clock.instant().atOffset(java.time.ZoneOffset.UTC),
                        clock.instant().atOffset(java.time.ZoneOffset.UTC))
                .update();
        long record = fixture.record("Transactional");
        admin.post("/api/records/" + record + "/followers", Map.of("name", "Listed", "email", blacklisted.email()));
        fixture.post(record, fixture.author("Ann", "mycompany.example"), "Still yours", "<p>a comment</p>");

        queue.process();

        assertThat(received(transactional))
                .containsExactlyInAnyOrder(recipients.get(1).email(), blacklisted.email());
        assertThat(to(transactional, blacklisted.email()).getSubject()).isEqualTo("Still yours");
        JsonNode canceled = fixture.queue("cancel").stream()
                .filter(m -> m.get("emailTo").asString().contains(blacklisted.email()))
                .findFirst()
                .orElseThrow();
        assertThat(canceled.get("failureReason").asString()).isEqualTo("blacklisted");
        assertThat(bulkMail.progress(bulk)).isEqualTo(new BulkProgress(0, 1, 0, 0, 1));
        assertThat(outcomes())
                .extracting(BulkOutcome::token, BulkOutcome::state, BulkOutcome::reason)
                .containsExactlyInAnyOrder(
                        tuple(blacklisted.token(), BulkOutcome.CANCELED, "blacklisted"),
                        tuple(recipients.get(1).token(), BulkOutcome.SENT, null));
    }

    @Test
    void blacklistingAnAddressOrSuppressingItCancelsItsWaitingMassMailsAtOnce() {
        long bulk = bulkMail.create(newsletter("news@mycompany.example", null));
        List<BulkRecipient> recipients = recipients(3);
        bulkMail.queue(bulk, recipients, clock.instant().plus(Duration.ofHours(1)));

        assertThat(admin.post(
                                "/api/blacklist",
                                Map.of("email", recipients.get(0).email(), "reason", "asked"))
                        .status())
                .isEqualTo(201);
        assertThat(bulkMail.suppress(
                        EmailAddress.parse(recipients.get(1).email().toUpperCase(), "email"), "unsubscribed"))
                .isEqualTo(1);
        assertThat(bulkMail.suppress(EmailAddress.parse(recipients.get(1).email(), "email"), "unsubscribed"))
                .isZero();

        assertThat(bulkMail.progress(bulk)).isEqualTo(new BulkProgress(1, 0, 0, 0, 2));
        assertThat(outcomes())
                .extracting(BulkOutcome::token, BulkOutcome::state, BulkOutcome::reason)
                .containsExactlyInAnyOrder(
                        tuple(recipients.get(0).token(), BulkOutcome.CANCELED, "blacklisted"),
                        tuple(recipients.get(1).token(), BulkOutcome.CANCELED, "unsubscribed"));
    }

    @Test
    void aRefusedMassMailFailsAndABounceLaterIsPublishedToo() {
        try (ScriptedSmtpServer refusing = ScriptedSmtpServer.start()) {
            long server = fixture.server("refusing", refusing.port(), null, 30, Map.of());
            long bulk = bulkMail.create(newsletter("news@mycompany.example", server));
            List<BulkRecipient> recipients = recipients(2);
            refusing.refuseRecipient(recipients.get(0).email(), 550, "5.1.1 no such user");
            bulkMail.queue(bulk, recipients, clock.instant());

            queue.process();

            assertThat(refusing.accepted()).hasSize(1);
            long sent = fixture.mailTo(recipients.get(1).email()).get("id").asLong();
            assertThat(queue.bounced(sent, "550 5.1.1 mailbox full")).isPresent();
            assertThat(bulkMail.progress(bulk)).isEqualTo(new BulkProgress(0, 0, 1, 1, 0));
            assertThat(outcomes())
                    .extracting(BulkOutcome::token, BulkOutcome::state)
                    .containsExactlyInAnyOrder(
                            tuple(recipients.get(0).token(), BulkOutcome.FAILED),
                            tuple(recipients.get(1).token(), BulkOutcome.SENT),
                            tuple(recipients.get(1).token(), BulkOutcome.BOUNCED));
            assertThat(outcomes().stream()
                            .filter(o -> o.state().equals(BulkOutcome.FAILED))
                            .findFirst()
                            .orElseThrow()
                            .reason())
                    .contains("no such user");
        }
    }

    @Test
    void aCommentPostedWhileThousandsOfMassMailsWaitOnASlowServerGoesWithinSeconds() throws Exception {
        try (ScriptedSmtpServer slow = ScriptedSmtpServer.start().slowDown(40)) {
            long server = fixture.server("slow", slow.port(), null, 30, Map.of());
            long bulk = bulkMail.create(newsletter("news@mycompany.example", server));
            List<BulkRecipient> recipients = recipients(2000);
            bulkMail.queue(bulk, recipients, clock.instant());
            long record = fixture.record("Urgent");
            String follower = fixture.follower(record, "Mary", "customer.example")
                    .get("email")
                    .asString();
            ExecutorService runner = Executors.newSingleThreadExecutor();
            try {
                Future<PassReport> pass = runner.submit(queue::process);
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> slow.accepted().size() >= 10);

                fixture.post(record, fixture.author("Ann", "mycompany.example"), "Now", "<p>urgent</p>");
                long posted = System.nanoTime();
                int massSentWhenPosted = slow.accepted().size();
                await().atMost(Duration.ofSeconds(8))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> received(transactional).contains(follower));
                long waited = Duration.ofNanos(System.nanoTime() - posted).toMillis();
                int massSentMeanwhile = slow.accepted().size() - massSentWhenPosted;

                // the claim (500 mass mails, 250 a connection: 10 s on this server) gave way to the comment after the
                // mail in hand on each connection, and its unsent mass mails went back to the queue at once; waiting
                // for the claim would have taken seconds and hundreds of mass mails
                assertThat(waited).as("milliseconds the comment waited").isLessThan(4000);
                assertThat(massSentMeanwhile)
                        .as("mass mails sent while the comment waited")
                        .isLessThan(200);
                // (the comment's claim took mass mails too: without the release, both claims would hold theirs)
                assertThat(jdbc.sql("SELECT COUNT(*) FROM outgoing_mails WHERE state = 'outgoing'"
                                        + " AND bulk_message_id = ? AND claimed_by IS NOT NULL")
                                .param(bulk)
                                .query(Long.class)
                                .single())
                        .isLessThanOrEqualTo(500L);
                assertThat(bulkMail.cancel(bulk)).isGreaterThan(1000);
            } finally {
                // the rest of the mailing never reaches the next test, even when an assertion above failed (and
                // nothing here hides that failure: a second cancel finds nothing left)
                bulkMail.cancel(bulk);
                runner.shutdown();
                runner.awaitTermination(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aSteadyStreamOfTransactionalMailSlowsMassMailButNeverStopsIt() throws Exception {
        long bulk = bulkMail.create(newsletter("news@mycompany.example", dedicatedServer));
        bulkMail.queue(bulk, recipients(20), clock.instant());
        // transactional mail queued all the time: every claim finds some queued since it began
        AtomicBoolean streaming = new AtomicBoolean(true);
        Thread stream = new Thread(() -> {
            while (streaming.get()) {
                transactionalFirst.queuedAfterCommit();
                Thread.onSpinWait();
            }
        });
        stream.start();
        try {
            // one mass mail a connection a claim goes before it gives way: 20 claims send the 20 (giving way before
            // the first, they would send one now and then, when this thread happens to lose the race)
            worker.runPass(20);
        } finally {
            streaming.set(false);
            stream.join();
        }
        assertThat(bulkMail.progress(bulk).sent()).isEqualTo(20);
        assertThat(received(dedicated)).hasSize(20);
    }

    @Test
    void aServerSendsAtMostItsRatePerMinuteAndTheRestWaitForTheNextMinute() {
        assertThat(admin.put("/api/mail-servers/" + dedicatedServer, Map.of("ratePerMinute", 2))
                        .json()
                        .get("ratePerMinute")
                        .asInt())
                .isEqualTo(2);
        fixture.parameter(BulkMail.DEDICATED_SERVER, Long.toString(dedicatedServer));
        long bulk = bulkMail.create(newsletter("news@mycompany.example", null));
        int claim = settings.queue().massClaimSize();
        List<BulkRecipient> recipients = recipients(claim + 10);
        // the test runs at the start of a minute of the server's clock, so that the minute does not turn under it
        Instant now = clock.instant();
        clock.advance(
                Duration.between(now, MinuteLimit.minuteOf(now).plusSeconds(60)).plusMillis(200));
        bulkMail.queue(bulk, recipients, clock.instant());

        PassReport first = queue.process();
        queue.process();
        assertThat(received(dedicated)).hasSize(2);
        // one claim met the rate; the 10 mails after it waited at once, without being claimed
        assertThat(first.deferred()).isEqualTo(claim - 2);
        List<JsonNode> waiting = fixture.queue("outgoing").stream()
                .filter(m -> m.get("emailTo").asString().contains("@reader.example"))
                .toList();
        assertThat(waiting).hasSize(claim + 8);
        assertThat(waiting)
                .allSatisfy(mail -> assertThat(mail.get("failureReason").asString())
                        .isEqualTo("rate limit of 2 mails a minute reached on dedicated (127.0.0.1:"
                                + dedicated.getSmtp().getPort() + ")"));
        assertThat(waiting.get(0).get("attempts").asInt()).isZero();

        clock.advance(Duration.ofMinutes(1));
        queue.process();
        assertThat(received(dedicated)).hasSize(4);

        assertThat(admin.put("/api/mail-servers/" + dedicatedServer, Map.of("ratePerMinute", 0))
                        .json()
                        .get("ratePerMinute")
                        .isNull())
                .isTrue();
        clock.advance(Duration.ofMinutes(1));
        queue.process();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(received(dedicated))
                        .containsExactlyInAnyOrderElementsOf(
                                recipients.stream().map(BulkRecipient::email).toList()));
        assertThat(bulkMail.progress(bulk).sent()).isEqualTo(claim + 10);
    }

    @Test
    void theGarbageCollectionDeletesOldMassMailsThenTheTemplatesNoMailRefersTo() {
        long done = bulkMail.create(newsletter("news@mycompany.example", null));
        long waiting = bulkMail.create(newsletter("news@mycompany.example", null));
        bulkMail.queue(done, recipients(2), clock.instant());
        bulkMail.queue(waiting, recipients(1), clock.instant().plus(Duration.ofDays(365)));
        queue.process();
        assertThat(bulkMail.progress(done).sent()).isEqualTo(2);

        clock.advance(Duration.ofDays(31));
        long young = bulkMail.create(newsletter("news@mycompany.example", null));
        ApiClient.Response run = admin.post("/api/scheduled-actions/" + garbageCollection() + "/run", Map.of());
        assertThat(run.status()).as(run.body()).isEqualTo(200);

        assertThat(run.json().get("lastRunDetail").asString())
                .matches("deleted [1-9]\\d* sent or canceled mails and [1-9]\\d* mass mail templates older than .*");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bulkMail.progress(done))
                .isInstanceOf(com.perfectwork.mail.core.UnknownIdException.class);
        assertThat(bulkMail.progress(waiting)).isEqualTo(new BulkProgress(1, 0, 0, 0, 0));
        assertThat(bulkMail.progress(young).total())
                .as("a template not used yet")
                .isZero();
        bulkMail.cancel(waiting);
    }

    private long garbageCollection() {
        return admin.get("/api/scheduled-actions")
                .json()
                .valueStream()
                .filter(a -> a.get("code").asString().equals("mail_gc"))
                .findFirst()
                .orElseThrow()
                .get("id")
                .asLong();
    }

    @Test
    void aTestMailGoesAtOnceAndIsNoPartOfTheMassMail() throws Exception {
        long bulk = bulkMail.create(newsletter("news@mycompany.example", null));
        BulkRecipient tester = recipients(1).get(0);

        long mail = bulkMail.queueTest(bulk, tester);
        queue.process();

        assertThat(received(transactional)).containsExactly(tester.email());
        assertThat(queue.require(mail).massMailing()).isFalse();
        assertThat(bulkMail.progress(bulk)).isEqualTo(new BulkProgress(0, 0, 0, 0, 0));
        assertThat(outcomes()).isEmpty();
    }

    @Test
    void aTemplateMayNotWriteTheHeadersTheCompositionWrites() {
        BulkMessage withFrom = new BulkMessage(
                "s", "<p>x</p>", null, "news@mycompany.example", null, null, null, null, Map.of("From", "x@y"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bulkMail.create(withFrom))
                .isInstanceOf(com.perfectwork.mail.core.InvalidInputException.class);
    }

    static BulkMessage newsletter(String from, Long server) {
        return new BulkMessage(
                "Our spring news",
                "<p>Hello!</p><p><a href=\"https://mycompany.example/mail/track/{{token}}/click/1\">Read</a></p>",
                "Hello, your code is {{token}}.\nRead: https://mycompany.example/mail/track/{{token}}/click/1\n",
                from,
                null,
                server,
                "https://mycompany.example/mail/unsubscribe/{{token}}",
                "unsubscribe+{{token}}@mycompany.example",
                Map.of("X-Campaign", "spring-{{token}}"));
    }

    static List<BulkRecipient> recipients(int count) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        return IntStream.range(0, count)
                .mapToObj(i -> new BulkRecipient(
                        "reader" + i + "." + run + "@reader.example", "Reader " + i, i + "." + run + "-sig_" + i))
                .toList();
    }

    private List<BulkOutcome> outcomes() {
        return List.copyOf(published);
    }

    static List<String> received(GreenMailExtension server) {
        return Arrays.stream(server.getReceivedMessages())
                .map(message -> {
                    try {
                        return ((InternetAddress) message.getAllRecipients()[0]).getAddress();
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    static MimeMessage to(GreenMailExtension server, String email) {
        return Arrays.stream(server.getReceivedMessages())
                .filter(message -> {
                    try {
                        return ((InternetAddress) message.getAllRecipients()[0])
                                .getAddress()
                                .equals(email);
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .findFirst()
                .orElseThrow();
    }
}
