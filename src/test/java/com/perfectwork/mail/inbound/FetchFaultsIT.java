package com.perfectwork.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.OutgoingFixture;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Fetching through faults, on real IMAP and POP3 servers (GreenMail): a mail that fails to process, or cannot
 * even be stored, does not hold back the mails behind it; a connection dropped in the middle of a fetch (a relay
 * that cuts it after so many bytes) loses no mail and posts none twice, whether the mailbox marks mails \Seen one
 * by one (IMAP) or deletes them only when the session ends (POP3).
 */
@ApiTest
class FetchFaultsIT {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(
            new ServerSetup[] {ServerSetupTest.POP3.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()});

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient admin;
    GreenMailUser catchall;
    String alias;
    String model;
    long aliasId;

    @BeforeEach
    void aCreatingAliasAndTheCatchallMailbox() {
        admin = ApiClient.admin(port);
        new OutgoingFixture(admin).noServers().catchallDomain("mycompany.example");
        deleteIncomingServers();
        catchall = mail.setUser("catchall@mycompany.example", "catchall", "catchall-password");
        // a model of this test's own: the records it counts are the ones its mails created
        String tag = Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "");
        alias = "faults" + tag;
        model = "faults." + tag;
        ApiClient.Response created = admin.post("/api/aliases", Map.of("name", alias, "model", model));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        aliasId = created.id();
    }

    @AfterEach
    void tearDown() {
        deleteIncomingServers();
        admin.delete("/api/aliases/" + aliasId);
    }

    @Test
    void overImapAPoisonMailDoesNotHoldBackTheMailsBehindIt() throws Exception {
        // more than a batch, so that the mails left behind are met again in the same fetch
        int good = Fetchmail.BATCH + 10;
        for (int i = 0; i < good; i++) {
            if (i == 2) {
                deliver(unprocessable("imap-poison"));
            }
            if (i == 4) {
                deliver(unstorable());
            }
            deliver(ticket("imap-poison", i));
        }
        long server = confirmed("imap", mail.getImap().getPort());

        JsonNode fetched = fetch(server);

        assertThat(fetched.get("fetched").asInt())
                .as("every mail taken once, the one left in the mailbox too")
                .isEqualTo(good + 2);
        assertThat(fetched.get("processed").asInt()).isEqualTo(good);
        assertThat(fetched.get("failed").asInt()).isEqualTo(2);
        assertThat(posted(server)).as("every good mail posted once").hasSize(good);
        assertThat(records()).hasSize(good);
        String lastError = admin.get("/api/incoming-servers/" + server)
                .json()
                .get("lastError")
                .asString();
        assertThat(lastError).startsWith("left in the mailbox, not stored").contains("perfectwork.inbound.max-size");
        assertThat(lastError.split("perfectwork.inbound.max-size", -1))
                .as("the mail left in the mailbox is told once, not once per batch: " + lastError)
                .hasSize(2);
        failedAndRetried(server);

        JsonNode again = fetch(server);
        assertThat(again.get("fetched").asInt())
                .as("only the mail that could not be stored is taken again")
                .isEqualTo(1);
        assertThat(again.get("processed").asInt()).isZero();
        assertThat(posted(server)).hasSize(good);
        assertThat(unseen()).as("only the unstorable mail waits").isEqualTo(1);
    }

    @Test
    void overPop3APoisonMailDoesNotHoldBackTheMailsBehindIt() throws Exception {
        int good = 6;
        for (int i = 0; i < good; i++) {
            if (i == 2 || i == 4) {
                deliver(unprocessable("pop3-poison-" + i));
            }
            deliver(ticket("pop3-poison", i));
        }
        long server = confirmed("pop3", mail.getPop3().getPort());

        JsonNode fetched = fetch(server);

        assertThat(fetched.get("fetched").asInt()).isEqualTo(good + 2);
        assertThat(fetched.get("processed").asInt()).isEqualTo(good);
        assertThat(fetched.get("failed").asInt()).isEqualTo(2);
        assertThat(posted(server)).hasSize(good);
        assertThat(records()).hasSize(good);
        JsonNode listed = admin.get("/api/incoming-servers/" + server).json();
        assertThat(listed.get("failedMails").asInt()).isEqualTo(2);
        assertThat(listed.get("lastError").asString())
                .startsWith("2 mails failed, kept as failed in the Incoming Log")
                .contains("base64");
        assertThat(failedAndRetried(server)).hasSize(2);

        assertThat(fetch(server).get("fetched").asInt())
                .as("the mails that failed are remembered by their UIDL and passed over")
                .isZero();
        assertThat(mail.getReceivedMessages())
                .as("processed mails are deleted from the mailbox, failed ones stay")
                .hasSize(2);
        assertThat(posted(server)).hasSize(good);

        mail.purgeEmailFromAllMailboxes();
        fetch(server);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM incoming_server_set_aside WHERE server_id = ?")
                        .param(server)
                        .query(Integer.class)
                        .single())
                .as("a mail set aside and taken away from the mailbox is forgotten")
                .isZero();
    }

    @Test
    void overImapAMailNestedFiveThousandLevelsDeepIsSetAsideAndTheMailsAroundItGoThrough() throws Exception {
        // today a StackOverflowError; with a limit on MIME nesting, the parser's refusal: either way failed
        deliver(ticket("imap-deep", 0));
        DeepMail.deliver(
                catchall,
                DeepMail.nested(5_000, "Deep", "deep-" + alias + "@else.example", alias + "@mycompany.example"));
        deliver(ticket("imap-deep", 1));
        long server = confirmed("imap", mail.getImap().getPort());

        JsonNode fetched = fetch(server);

        assertThat(fetched.get("fetched").asInt()).isEqualTo(3);
        assertThat(fetched.get("processed").asInt()).isEqualTo(2);
        assertThat(fetched.get("failed").asInt()).isEqualTo(1);
        assertThat(posted(server)).as("the mails before and after it").hasSize(2);
        assertThat(records()).hasSize(2);
        JsonNode failed = admin.get("/api/inbound-log?outcome=failed&limit=1000")
                .json()
                .valueStream()
                .filter(m -> m.get("source").asString().equals("imap:" + server))
                .findFirst()
                .orElseThrow();
        assertThat(failed.get("subject").asString()).isEqualTo("Deep");
        assertThat(failed.get("reason").asString()).contains(" while parsing: ");
        JsonNode listed = admin.get("/api/incoming-servers/" + server).json();
        assertThat(listed.get("failedMails").asInt()).isEqualTo(1);
        assertThat(listed.get("lastError").asString())
                .startsWith("1 mail failed, kept as failed in the Incoming Log")
                .contains("Incoming Log " + failed.get("id").asLong());

        assertThat(fetch(server).get("fetched").asInt()).as("not fetched again").isZero();
        List<StoredMessage> inbox =
                mail.getManagers().getImapHostManager().getInbox(catchall).getMessages();
        assertThat(inbox).as("nothing taken away from the mailbox").hasSize(3);
        StoredMessage deep = inbox.stream()
                .filter(m -> m.getFlags().contains(MailboxSession.FAILED))
                .findFirst()
                .orElseThrow();
        assertThat(deep.getMimeMessage().getSubject()).isEqualTo("Deep");
        assertThat(deep.getFlags().contains(Flags.Flag.SEEN)).isTrue();
    }

    @Test
    void anImapConnectionDroppedInTheMiddleOfAFetchLosesNoMailAndPostsNoneTwice() throws Exception {
        int mails = 200;
        for (int i = 0; i < mails; i++) {
            deliver(ticket("imap-drop", i));
        }
        try (CuttableProxy proxy = new CuttableProxy(mail.getImap().getPort())) {
            long server = confirmed("imap", proxy.port());
            // a few batches go through, then the connection is cut in the middle of one
            proxy.cutAfter(mails * 1500L / 2);

            JsonNode dropped = fetch(server);

            int seen = mails - unseen();
            System.out.printf("IMAP drop: %s before the drop; %d of %d mails marked seen%n", dropped, seen, mails);
            assertThat(seen).as("cut in the middle").isBetween(1, mails - 1);
            assertThat(dropped.get("fetched").asInt()).isEqualTo(posted(server).size());
            assertTheDropIsShown(server);
            Map<String, Long> posted = posted(server);
            assertThat(posted.keySet())
                    .as("every mail marked seen was stored and posted first")
                    .containsAll(seenMessageIds());
            assertThat(posted.size())
                    .as("at most the mail in flight is stored yet unseen")
                    .isBetween(seen, seen + 1);

            // the connection is back: the next fetch takes the mails left, and nothing else
            proxy.restore();
            JsonNode rest = fetch(server);
            assertThat(rest.get("fetched").asInt()).isEqualTo(mails - seen);
            assertThat(rest.get("failed").asInt()).isZero();
            assertThat(unseen()).isZero();
            assertThat(admin.get("/api/incoming-servers/" + server)
                            .json()
                            .get("lastError")
                            .isNull())
                    .isTrue();
            assertEveryMailPostedOnce(server, "imap-drop", mails);
            assertThat(outcomes(server).getOrDefault("duplicate", 0L))
                    .as("a mail stored but not yet marked seen is recognised by its Message-ID")
                    .isEqualTo(posted.size() - seen);
        }
    }

    @Test
    void aPop3ConnectionDroppedBeforeQuitLosesNoMailAndPostsNoneTwice() throws Exception {
        int mails = 30;
        for (int i = 0; i < mails; i++) {
            deliver(ticket("pop3-drop", i));
        }
        try (CuttableProxy proxy = new CuttableProxy(mail.getPop3().getPort())) {
            long server = confirmed("pop3", proxy.port());
            // cut while the mails are read, long before the QUIT that would delete them
            proxy.cutAfter(mails * 1500L / 2);

            JsonNode dropped = fetch(server);

            int stored = posted(server).size();
            System.out.printf("POP3 drop: %s before the drop; %d of %d mails stored%n", dropped, stored, mails);
            assertThat(stored).as("cut in the middle").isBetween(1, mails - 1);
            assertThat(mail.getReceivedMessages())
                    .as("no QUIT, nothing deleted")
                    .hasSize(mails);
            assertThat(dropped.get("fetched").asInt())
                    .as("the mails read before the drop, not the ones the drop made unreadable")
                    .isEqualTo(stored);
            assertThat(dropped.get("failed").asInt()).isZero();
            assertTheDropIsShown(server);

            // back: every mail is read again, the ones stored already are duplicates, not posted twice
            proxy.restore();
            JsonNode rest = fetch(server);
            assertThat(rest.get("fetched").asInt()).isEqualTo(mails);
            assertThat(rest.get("failed").asInt()).isZero();
            assertThat(mail.getReceivedMessages()).as("deleted at QUIT").isEmpty();
            assertThat(admin.get("/api/incoming-servers/" + server)
                            .json()
                            .get("lastError")
                            .isNull())
                    .isTrue();
            assertEveryMailPostedOnce(server, "pop3-drop", mails);
            assertThat(outcomes(server).get("duplicate")).isEqualTo(stored);
        }
    }

    /** The server says the fetch was interrupted, and counts as failing until a fetch goes through. */
    private void assertTheDropIsShown(long server) {
        assertThat(admin.get("/api/incoming-servers/" + server)
                        .json()
                        .get("lastError")
                        .asString())
                .startsWith("fetch interrupted after ")
                .contains("the rest stays in the mailbox for the next fetch")
                .contains("the connection was lost");
        assertThat(jdbc.sql("SELECT failing_since FROM incoming_servers WHERE id = ?")
                        .param(server)
                        .query()
                        .singleValue())
                .isNotNull();
    }

    /** The failed mails of the server: each with its error, kept, and processed again on retry. */
    private List<JsonNode> failedAndRetried(long server) {
        List<JsonNode> failed = admin.get("/api/inbound-log?outcome=failed&limit=1000")
                .json()
                .valueStream()
                .filter(m -> m.get("source").asString().equals("imap:" + server)
                        || m.get("source").asString().equals("pop3:" + server))
                .toList();
        assertThat(failed).isNotEmpty();
        for (JsonNode mail : failed) {
            long id = mail.get("id").asLong();
            assertThat(mail.get("subject").asString()).isEqualTo("Broken report");
            assertThat(mail.get("reason").asString()).containsIgnoringCase("base64");
            JsonNode retried =
                    admin.post("/api/inbound-log/" + id + "/retry", Map.of()).json();
            assertThat(retried.get("outcome").asString())
                    .as("still broken, still kept: " + retried)
                    .isEqualTo("failed");
            assertThat(admin.get("/api/inbound-log/" + id)
                            .json()
                            .get("attempts")
                            .asInt())
                    .isEqualTo(2);
        }
        return failed;
    }

    private void assertEveryMailPostedOnce(long server, String test, int mails) {
        Map<String, Long> posted = posted(server);
        Set<String> expected = IntStream.range(0, mails)
                .mapToObj(i -> "<" + test + "-" + i + "@customer.example>")
                .collect(Collectors.toSet());
        assertThat(posted.keySet()).as("no mail lost").isEqualTo(expected);
        assertThat(posted.values()).as("none posted twice").allMatch(count -> count == 1);
        List<String> names =
                records().stream().map(r -> r.get("name").asString()).toList();
        assertThat(names).hasSize(mails).doesNotHaveDuplicates();
    }

    /** Message-ID → times posted (created or posted) from this server. */
    private Map<String, Long> posted(long server) {
        return jdbc
                .sql("""
                        SELECT message_id_header, COUNT(*) AS n FROM inbound_mails
                        WHERE source IN (?, ?) AND outcome IN ('posted', 'created') GROUP BY message_id_header""")
                .params("imap:" + server, "pop3:" + server)
                .query((rs, row) -> Map.entry(rs.getString("message_id_header"), rs.getLong("n")))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private Map<String, Long> outcomes(long server) {
        return jdbc
                .sql("SELECT outcome, COUNT(*) AS n FROM inbound_mails WHERE source IN (?, ?) GROUP BY outcome")
                .params("imap:" + server, "pop3:" + server)
                .query((rs, row) -> Map.entry(rs.getString("outcome"), rs.getLong("n")))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private List<JsonNode> records() {
        return admin.get("/api/records?model=" + model + "&limit=1000")
                .json()
                .valueStream()
                .toList();
    }

    private int unseen() throws FolderException {
        return (int) mail.getManagers().getImapHostManager().getInbox(catchall).getMessages().stream()
                .filter(message -> !message.getFlags().contains(Flags.Flag.SEEN))
                .count();
    }

    private Set<String> seenMessageIds() throws FolderException {
        return mail.getManagers().getImapHostManager().getInbox(catchall).getMessages().stream()
                .filter(message -> message.getFlags().contains(Flags.Flag.SEEN))
                .map(message -> {
                    try {
                        return message.getMimeMessage().getMessageID();
                    } catch (MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .collect(Collectors.toSet());
    }

    private JsonNode fetch(long server) {
        return admin.post("/api/incoming-servers/" + server + "/fetch", Map.of())
                .json();
    }

    private long confirmed(String protocol, int serverPort) {
        ApiClient.Response created = admin.post(
                "/api/incoming-servers",
                Map.of(
                        "name", protocol + " catchall",
                        "protocol", protocol,
                        "host", "127.0.0.1",
                        "port", serverPort,
                        "security", "none",
                        "username", "catchall",
                        "password", "catchall-password"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long server = created.id();
        JsonNode test = admin.post("/api/incoming-servers/" + server + "/test", Map.of())
                .json();
        assertThat(test.get("ok").asBoolean()).as(test.toString()).isTrue();
        return server;
    }

    private void deleteIncomingServers() {
        admin.get("/api/incoming-servers")
                .json()
                .valueStream()
                .forEach(
                        s -> admin.delete("/api/incoming-servers/" + s.get("id").asLong()));
    }

    private void deliver(byte[] raw) throws MessagingException {
        catchall.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
    }

    /** A ticket of about 1.5 kB, from a sender of its own (the loop guard counts records per sender). */
    private byte[] ticket(String test, int i) {
        return ("From: customer" + i + "@customer.example\r\nTo: " + alias + "@mycompany.example\r\n"
                        + "Subject: Ticket " + test + " " + i + "\r\nMessage-ID: <" + test + "-" + i
                        + "@customer.example>\r\nDate: Tue, 1 Dec 2026 10:00:00 +0000\r\n\r\n"
                        + ("Please help with ticket " + i + ".\r\n").repeat(40))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Stored, then failing: its attachment's base64 ends in the middle of a group, so it cannot be decoded. */
    private byte[] unprocessable(String test) {
        return ("From: broken@customer.example\r\nTo: " + alias + "@mycompany.example\r\nSubject: Broken report\r\n"
                        + "Message-ID: <broken-" + test + "@customer.example>\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                        + "--b\r\nContent-Type: text/plain\r\n\r\nThe report.\r\n"
                        + "--b\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n"
                        + "Content-Disposition: attachment; filename=report.pdf\r\n\r\nJVBERi0xLjQKJ\r\n--b--\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Never stored: over {@code perfectwork.inbound.max-size} (50 MB). */
    private byte[] unstorable() {
        return ("From: big@customer.example\r\nTo: " + alias + "@mycompany.example\r\nSubject: huge\r\n\r\n"
                        + "x".repeat(51 * 1024 * 1024) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
