package com.perfectwork.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.MailFixtures;
import com.perfectwork.mail.OutgoingFixture;
import com.perfectwork.mail.ReceivedMail;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Received mails in the shapes real clients and servers write them, each posted to the HTTP gateway against a
 * thread whose notification was sent: where it lands, and what of it is shown as the new part of the reply
 * ({@code strippedText}), with its charset and attachment names decoded.
 */
@ApiTest
class FixtureRoutingIT {

    @RegisterExtension
    // one server for all cases: each case's follower has an address of its own
    static GreenMailExtension smtp =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    @LocalServerPort
    int port;

    ApiClient admin;
    OutgoingFixture fixture;
    long thread;
    String john;
    String notification;
    String sales;
    String helpdesk;

    @BeforeEach
    void aThreadWithANotificationSentAndTwoAliases() {
        admin = ApiClient.admin(port);
        fixture = new OutgoingFixture(admin).noServers().catchallDomain("mycompany.example");
        fixture.server("local", smtp.getSmtp().getPort(), null, 10, Map.of());
        thread = fixture.record("Chairs");
        john = fixture.follower(thread, "John", "client.example").get("email").asString();
        notification = fixture.post(
                        thread,
                        fixture.author("Ann Seller", "mycompany.example"),
                        "Delivery of 50 chairs",
                        "<p>Can you confirm the delivery date?</p>")
                .get("messageId")
                .asString();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !ReceivedMail.to(smtp.getReceivedMessages(), john).isEmpty());
        String tag = UUID.randomUUID().toString().substring(0, 8);
        sales = alias("sales-" + tag, "crm.lead");
        helpdesk = alias("helpdesk-" + tag, "helpdesk.ticket");
    }

    @AfterEach
    void tearDown() {
        fixture.noServers();
    }

    static Stream<Expected> fixtures() {
        return Stream.of(
                Expected.reply("replies/outlook-web-reply.eml")
                        .shows("Hi Ann,\n\nFriday is fine. Please ask the driver to call Jürgen at the gate.\n\n"
                                + "Kind regards,\nMary")
                        .hides("From: Ann Seller", "Can you confirm"),
                Expected.reply("replies/outlook-desktop-german-reply.eml")
                        .sender("Klaus Müller")
                        .shows(
                                "Hallo Frau Seller,\n\nder Liefertermin am Freitag passt uns. Bitte über die Rampe an der"
                                        + " Rückseite liefern.\n\nMit freundlichen Grüßen\nKlaus Müller\nEinkauf")
                        .hides("Von:", "Gesendet:", "Can you confirm"),
                Expected.reply("replies/outlook-desktop-french-reply.eml")
                        .sender("Élodie Cœur")
                        .shows("Bonjour,\n\nC’est noté pour vendredi\u00a0; merci de livrer à l’accueil du bâtiment B."
                                + "\n\nCordialement,\nÉlodie Cœur")
                        .hides("Envoyé", "Objet", "Can you confirm"),
                Expected.reply("replies/iphone-reply.eml")
                        .shows("Perfect — see you Friday \uD83D\uDC4D")
                        .hides("Sent from my iPhone", "wrote:", "Can you confirm"),
                Expected.reply("replies/gmail-android-reply.eml")
                        .sender("Marta Gil")
                        .shows("¡Perfecto! El viernes a las 10:00 nos viene bien.\n\nSaludos,\nMarta")
                        .hides("escribió", "Can you confirm"),
                Expected.reply("replies/samsung-email-reply.eml")
                        .shows("Thanks, Friday at 10:00 is fine – gate B.")
                        .hides("Sent from my Galaxy", "Original message", "Can you confirm"),
                Expected.reply("replies/thunderbird-latin1-reply.eml")
                        .sender("François Lévesque")
                        .shows("Très bien, livraison vendredi à l'entrepôt.\nÇa nous convient, merci !")
                        .hides("a écrit", "Can you confirm"),
                Expected.reply("replies/rfc2231-attachment-name.eml")
                        .sender("Jürgen Weiß")
                        .subject("Re: Lieferung der Stühle – Übergabeprotokoll")
                        .shows("Anbei das unterschriebene Übergabeprotokoll.\n\nGrüße\nJürgen")
                        .hides("schrieb Ann", "Can you confirm")
                        .attachment("Übergabeprotokoll Müller Größe XL.pdf", "application/pdf", "%PDF-1.4"),
                Expected.reply("replies/nested-message-attachment.eml")
                        .shows("The original order is attached: the quantities are in it.")
                        .hides("Please quote", "Can you confirm")
                        .attachment("Order 4711.eml", "message/rfc822", "Subject: Order 4711"),
                Expected.reply("replies/binary-octet-stream-attachment.eml")
                        .shows("The drawing of the loading bay is attached.")
                        .hides("wrote:", "Can you confirm")
                        .attachment("loading-bay.dwg", "binary/octet-stream", "AC1032"),
                Expected.reply("replies/out-of-office.eml")
                        .autoReply()
                        .subject("Automatic reply: Delivery of 50 chairs")
                        .shows("I am out of the office until 30 November with limited access to email.\n"
                                + "For urgent matters please contact Jürgen Weiß."),
                Expected.reply("malformed/us-ascii-label-utf8-body.eml")
                        .shows("Grüße aus Köln: the delivery on Friday is confirmed.")
                        .hides("wrote:", "Can you confirm"),
                Expected.created("malformed/no-charset-date-or-message-id.eml", "crm.lead", "Scan Lieferschein")
                        .withoutMessageId()
                        .shows("Gescannt am Empfang, Gebäude B: Lieferschein Nr. 4711 für 50 Stühle."),
                Expected.created("aliases/gmail-forward.eml", "helpdesk.ticket", "Fwd: Re: Delivery of 50 chairs")
                        .shows("Could you open a ticket for this? The customer needs a different date.")
                        .hides("Forwarded message", "warehouse is closed")
                        .bodyKeeps("warehouse is closed"),
                Expected.created("aliases/mailing-list.eml", "crm.lead", "[Buyers] Spring fair in Lyon")
                        .sender("Régine Blanchard")
                        .shows("Hello everyone,\n\nthe spring fair in Lyon opens on 12 March; the exhibitors' café is"
                                + " in hall 2.\n\nRégine")
                        .hides("mailing list", "unsubscribe"),
                Expected.bounce("bounces/office365-recipient-not-found.eml"),
                Expected.bounce("bounces/exim-failure-notice.eml"),
                Expected.bounce("bounces/gmail-address-not-found.eml"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void eachMailLandsWhereItBelongsShowingOnlyItsNewPart(Expected expected) {
        String sender = "sender." + UUID.randomUUID().toString().substring(0, 8) + "@customer.example";
        JsonNode result = gateway(MailFixtures.load(
                expected.fixture,
                Map.of("FROM", sender, "MESSAGE_ID", notification, "SALES", sales, "HELPDESK", helpdesk)));

        assertThat(result.get("outcome").asString()).as(result.toString()).isEqualTo(expected.outcome);
        if (expected.outcome.equals("bounce")) {
            assertThat(result.get("recordId").isNull()).isTrue();
            assertThat(messages(thread)).as("nothing posted on the thread").hasSize(1);
            // each of these reports a recipient that does not exist; DsnParserTest reads every bounce shape
            assertThat(result.get("bounce").get("reason").asString()).isEqualTo("user_unknown");
            assertThat(result.get("bounce").get("hard").asBoolean()).isTrue();
            return;
        }
        long record = result.get("recordId").asLong();
        assertThat(result.get("model").asString()).isEqualTo(expected.model);
        if (expected.outcome.equals("posted")) {
            assertThat(record).as("the thread replied to").isEqualTo(thread);
        } else {
            assertThat(record).as("a new record").isNotEqualTo(thread);
            assertThat(admin.get("/api/records/" + record).json().get("name").asString())
                    .isEqualTo(expected.recordName);
            assertThat(messages(thread)).as("nothing posted on the thread").hasSize(1);
        }
        List<JsonNode> landed = messages(record);
        JsonNode message = landed.get(landed.size() - 1);
        assertThat(message.get("id").asLong()).isEqualTo(result.get("messageId").asLong());
        assertThat(message.get("type").asString()).isEqualTo("email");
        assertVisibleText(expected, message);
        assertAttachments(expected, message);
        List<String> notified = message.get("notifications")
                .valueStream()
                .map(n -> n.get("email").asString())
                .toList();
        if (expected.outcome.equals("posted") && expected.relayed) {
            assertThat(notified).as("relayed to the followers").anyMatch(email -> email.contains(john));
            assertThat(message.get("body").asString())
                    .as("the quoted notification stays in the body")
                    .contains("Can you confirm the delivery date?");
        } else if (expected.outcome.equals("posted")) {
            assertThat(notified).as("an auto-reply is relayed to nobody").isEmpty();
        }
    }

    private static void assertVisibleText(Expected expected, JsonNode message) {
        String stripped = message.get("strippedText").asString();
        assertThat(stripped).isEqualTo(expected.shown);
        for (String quoted : expected.hidden) {
            assertThat(stripped).doesNotContain(quoted);
        }
        for (String kept : expected.bodyKeeps) {
            assertThat(message.get("body").asString()).contains(kept);
        }
        if (expected.sender != null) {
            assertThat(message.get("emailFrom").asString()).contains(expected.sender);
        }
        if (expected.generatedMessageId) {
            assertThat(message.get("messageId").asString()).endsWith("@received.invalid>");
        }
        if (expected.subject != null) {
            assertThat(message.get("subject").asString()).isEqualTo(expected.subject);
        }
    }

    private void assertAttachments(Expected expected, JsonNode message) {
        List<JsonNode> attachments = message.get("attachments").valueStream().toList();
        assertThat(attachments.stream().map(a -> a.get("name").asString()))
                .containsExactlyElementsOf(
                        expected.attachments.stream().map(Attachment::name).toList());
        for (int i = 0; i < attachments.size(); i++) {
            Attachment wanted = expected.attachments.get(i);
            assertThat(attachments.get(i).get("mimetype").asString()).isEqualTo(wanted.mimetype());
            byte[] stored = admin.get(
                            "/api/attachments/" + attachments.get(i).get("id").asLong())
                    .raw()
                    .body();
            assertThat(new String(stored, StandardCharsets.ISO_8859_1)).contains(wanted.content());
        }
    }

    private String alias(String name, String model) {
        ApiClient.Response response = admin.post("/api/aliases", Map.of("name", name, "model", model));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("email").asString();
    }

    private JsonNode gateway(byte[] raw) {
        ApiClient.Response response = admin.postBytes("/api/inbound", "message/rfc822", raw);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private List<JsonNode> messages(long record) {
        return admin.get("/api/records/" + record + "/messages")
                .json()
                .valueStream()
                .toList();
    }

    record Attachment(String name, String mimetype, String content) {}

    /** What a fixture should become: built per case, named by its fixture in the test report. */
    static final class Expected {
        final String fixture;
        final String outcome;
        final String model;
        final String recordName;
        String shown;
        String sender;
        String subject;
        boolean relayed = true;
        boolean generatedMessageId;
        final List<String> hidden = new ArrayList<>();
        final List<String> bodyKeeps = new ArrayList<>();
        final List<Attachment> attachments = new ArrayList<>();

        private Expected(String fixture, String outcome, String model, String recordName) {
            this.fixture = fixture;
            this.outcome = outcome;
            this.model = model;
            this.recordName = recordName;
        }

        /** Posted on the thread of the notification it answers, and relayed to its other followers. */
        static Expected reply(String fixture) {
            return new Expected(fixture, "posted", "crm.lead", null);
        }

        /** A new record of an alias's model, named after the subject. */
        static Expected created(String fixture, String model, String recordName) {
            return new Expected(fixture, "created", model, recordName);
        }

        /** A delivery failure: kept as a bounce, posted nowhere. */
        static Expected bounce(String fixture) {
            return new Expected(fixture, "bounce", null, null);
        }

        Expected shows(String strippedText) {
            this.shown = strippedText;
            return this;
        }

        Expected hides(String... quoted) {
            hidden.addAll(List.of(quoted));
            return this;
        }

        Expected bodyKeeps(String text) {
            bodyKeeps.add(text);
            return this;
        }

        Expected sender(String displayName) {
            this.sender = displayName;
            return this;
        }

        Expected subject(String subject) {
            this.subject = subject;
            return this;
        }

        /** Posted like any reply, but relayed to nobody: auto-replies never start a mail loop. */
        Expected autoReply() {
            this.relayed = false;
            return this;
        }

        /** A mail without a Message-ID gets one of ours. */
        Expected withoutMessageId() {
            this.generatedMessageId = true;
            return this;
        }

        Expected attachment(String name, String mimetype, String content) {
            attachments.add(new Attachment(name, mimetype, content));
            return this;
        }

        @Override
        public String toString() {
            return fixture;
        }
    }
}
