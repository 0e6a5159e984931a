package com.perfectwork.mail.bounce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.perfectwork.mail.outgoing.VerpAddress;
import com.perfectwork.mail.routing.MailParser;
import com.perfectwork.mail.routing.ParsedMail;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bounce fixture under {@code mail/bounces/} read as {@code expected.tsv} says: is it a bounce, the failed
 * address, the status code, the reason, hard or soft, the VERP tag's mail (or forged) and the returned Message-ID.
 * The fixtures' tags were made with the key {@code bounce-fixture-key}.
 */
class DsnParserTest {

    private static final String DOMAIN = "mycompany.example";
    private static final String TOKEN = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    /** The Message-ID of the notification the fixtures written for routing tests return. */
    private static final String ORIGINAL = "<fixture.original.1764600000@mycompany.example>";

    private static final VerpAddress VERP = new VerpAddress("bounce-fixture-key".getBytes(StandardCharsets.US_ASCII));
    private static final MailParser PARSER = new MailParser(Clock.systemUTC());

    record Row(
            String file,
            boolean bounce,
            boolean complaint,
            boolean delayed,
            String email,
            String status,
            String reason,
            String hard,
            String tag,
            String original,
            String route,
            String family) {
        @Override
        public String toString() {
            return file;
        }
    }

    /** The timing tests measure reading, not loading the parser's classes and compiling its patterns. */
    @BeforeAll
    static void loadTheParser() throws Exception {
        DsnParser.read(
                PARSER.parse(resource("gmail-address-not-found.eml").getBytes(StandardCharsets.ISO_8859_1)), DOMAIN);
        DsnParser.read(PARSER.parse(notice("AWS Notification Message", "{\"notificationType\":\"Delivery\"}")), DOMAIN);
    }

    static Stream<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        List<String> lines = resource("expected.tsv").lines().toList();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = filled(line).split("\t", -1);
            rows.add(new Row(f[0], yes(f[1]), yes(f[2]), yes(f[3]), f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11]));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void readsEachFixtureAsTheTableSays(Row row) throws Exception {
        ParsedMail mail = PARSER.parse(resource(row.file()).getBytes(StandardCharsets.ISO_8859_1));
        assertThat(Notice.of(mail, NoticeText.own(mail.text() == null ? "" : mail.text()))
                        .family()
                        .map(NoticeFamily::name)
                        .orElse("-"))
                .as(row.file() + " family")
                .isEqualTo(row.family());
        // routing tells whether only its looks made it a report (BounceSignsTest checks the column)
        BounceReading reading = DsnParser.read(mail, DOMAIN, row.route().equals("looks"));
        if (!row.bounce()) {
            assertThat(reading).as(row.file()).isInstanceOf(BounceReading.NotABounce.class);
            return;
        }
        assertThat(reading).as(row.file()).isInstanceOf(BounceReading.Failure.class);
        BounceReading.Failure failure = (BounceReading.Failure) reading;
        assertThat(failure.complaint()).as(row.file() + " complaint").isEqualTo(row.complaint());
        assertThat(failure.delayed()).as(row.file() + " delayed").isEqualTo(row.delayed());
        assertThat(DsnParser.normalized(failure.email()))
                .as(row.file() + " email")
                .isEqualTo(dash(row.email()));
        assertThat(failure.status()).as(row.file() + " status").isEqualTo(dash(row.status()));
        assertThat(failure.reason().code())
                .as(row.file() + " reason (" + failure.diagnostic() + ")")
                .isEqualTo(row.reason());
        assertThat(failure.hard()).as(row.file() + " hard").isEqualTo(yes(row.hard()));
        BounceTag tag = BounceTag.of(mail.recipients(), "bounce", Optional.of(DOMAIN), VERP);
        switch (row.tag()) {
            case "-" -> assertThat(tag).as(row.file() + " tag").isEqualTo(BounceTag.NONE);
            case "forged" -> assertThat(tag.forged()).as(row.file() + " forged").isTrue();
            default -> assertThat(tag.mailId()).as(row.file() + " tag").contains(Long.parseLong(row.tag()));
        }
        if (row.original().equals("-")) {
            assertThat(failure.originals()).as(row.file() + " originals").isEmpty();
        } else {
            assertThat(failure.originals())
                    .as(row.file() + " originals")
                    .first()
                    .isEqualTo(row.original());
        }
    }

    @Test
    void theTableCoversEveryFixtureAndTheShapesTheIssueNames() throws IOException {
        List<Row> rows = rows().toList();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(40);
        assertThat(rows.stream().filter(Row::complaint)).isNotEmpty();
        assertThat(rows.stream().filter(r -> !r.bounce())).hasSizeGreaterThanOrEqualTo(2);
        assertThat(rows.stream().filter(r -> r.tag().equals("forged"))).isNotEmpty();
        assertThat(rows.stream().map(Row::reason).filter(r -> !r.equals("-")).distinct())
                .containsAll(Stream.of(BounceReason.values())
                        .map(BounceReason::code)
                        .filter(r -> !r.equals("other"))
                        .toList());
    }

    @Test
    void everyFamilyOfNoticesIsReadFromAFixtureInItsShape() throws IOException {
        List<String> read = rows().map(Row::family).toList();

        assertThat(read)
                .containsAll(NoticeFamilies.ALL.stream().map(NoticeFamily::name).toList());
    }

    @Test
    void aNoticeOfFourThousandDashesIsReadWellUnderASecond() throws Exception {
        ParsedMail mail = PARSER.parse(notice("Undelivered Mail Returned to Sender", "-".repeat(4000)));

        BounceReading reading = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> DsnParser.read(mail, DOMAIN));

        assertThat(reading).isInstanceOf(BounceReading.Failure.class);
        assertThat(((BounceReading.Failure) reading).email()).isNull();
    }

    @Test
    void aOneMegabyteLineOfLettersIsSearchedForAnAddressWellUnderASecond() throws Exception {
        // no @ ends the run: an address pattern tried at each of its letters once went over the rest of it each time
        ParsedMail mail = PARSER.parse(notice("Undelivered Mail Returned to Sender", "a".repeat(1024 * 1024)));

        BounceReading reading = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> DsnParser.read(mail, DOMAIN));

        assertThat(reading).isInstanceOf(BounceReading.Failure.class);
        assertThat(((BounceReading.Failure) reading).email()).isNull();
    }

    @Test
    void aFieldFoldedOverThousandsOfLinesIsReadOnce() {
        String report = "Final-Recipient: rfc822; gone@customer.example\nAction: failed\nStatus: 5.1.1\n"
                + "Diagnostic-Code: smtp; 550 5.1.1 user unknown\n" + " and more\n".repeat(100_000);

        DeliveryStatus status = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> DeliveryStatus.parse(report));

        assertThat(status.recipients()).singleElement().satisfies(recipient -> {
            assertThat(recipient.diagnostic()).startsWith("550 5.1.1 user unknown and more and more");
            assertThat(recipient.diagnostic()).hasSizeLessThanOrEqualTo(4000);
        });
    }

    @Test
    void aNoticeNamingThousandsOfAddressesIsReadWellUnderASecond() throws Exception {
        // each address is weighed by the words before it on its line: those are at most a line's few hundred characters
        ParsedMail mail =
                PARSER.parse(notice("Undelivered Mail Returned to Sender", "by <a@b.example> ".repeat(60_000)));

        BounceReading reading = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> DsnParser.read(mail, DOMAIN));

        assertThat(((BounceReading.Failure) reading).email()).isEqualTo("a@b.example");
    }

    @Test
    void aNoticeOfDashesAndFamilyMarksIsReadWellUnderASecond() throws Exception {
        // the families' marks begin with dashes: a text of dashes starts a partial match of each at every character
        ParsedMail mail = PARSER.parse(notice("failure notice", "------- failure ".repeat(30_000)));

        BounceReading reading = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> DsnParser.read(mail, DOMAIN));

        assertThat(reading).isInstanceOf(BounceReading.Failure.class);
    }

    @Test
    void anAmazonSesNotificationNestedThousandsDeepIsRefusedQuickly() throws Exception {
        ParsedMail mail = PARSER.parse(
                notice("AWS Notification Message", "{\"notificationType\":\"Bounce\",\"x\":" + "[".repeat(50_000)));

        BounceReading reading = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> DsnParser.read(mail, DOMAIN));

        assertThat(reading).isInstanceOf(BounceReading.NotABounce.class);
    }

    @Test
    void aRecipientBlockOfThousandsOfFieldsBeforeItsNameIsReadOnce() {
        String report =
                "Action: failed\n" + "X-Field: value\n".repeat(100_000) + "Final-Recipient: rfc822; a@b.example\n";

        DeliveryStatus status = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> DeliveryStatus.parse(report));

        assertThat(status.recipients()).singleElement().satisfies(recipient -> {
            assertThat(recipient.address()).isEqualTo("a@b.example");
            assertThat(recipient.action()).isEqualTo("failed");
        });
    }

    /** A mailer daemon's plain-text notice to the bounce address. */
    private static byte[] notice(String subject, String body) {
        return ("From: MAILER-DAEMON@mx.customer.example\r\nTo: bounce@mycompany.example\r\nSubject: " + subject
                        + "\r\nMessage-ID: <notice.1@mx.customer.example>\r\n\r\n" + body + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    static String resource(String name) throws IOException {
        try (InputStream in = DsnParserTest.class.getResourceAsStream("/mail/bounces/" + name)) {
            assertThat(in).as("fixture " + name).isNotNull();
            return filled(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
        }
    }

    private static String filled(String text) {
        return text.replace("{{UNIQUE}}", TOKEN).replace("{{MESSAGE_ID}}", ORIGINAL);
    }

    private static boolean yes(String value) {
        return value.strip().equals("yes");
    }

    private static String dash(String value) {
        return value.equals("-") ? null : value;
    }
}
