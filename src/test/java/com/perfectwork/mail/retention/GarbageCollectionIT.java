package com.perfectwork.mail.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ClockedApiTest;
import com.perfectwork.mail.MailFixtures;
import com.perfectwork.mail.MovableClock;
import com.perfectwork.mail.OutgoingFixture;
import com.perfectwork.mail.ScriptedSmtpServer;
import com.perfectwork.mail.storage.Filestore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The scheduled action "Mail: Garbage Collection", months passing on the server's clock: mails sent and received
 * mails processed longer ago than their days go, with the files only they referred to (written days ago on the file
 * system's clock); young ones stay, and so do a failed mail and a received mail that failed (someone must deal with
 * them), an attachment's file and a file written less than a day ago.
 */
@ClockedApiTest
class GarbageCollectionIT {

    @LocalServerPort
    int port;

    @Autowired
    MovableClock clock;

    @Autowired
    Filestore filestore;

    ApiClient admin;
    OutgoingFixture fixture;
    ScriptedSmtpServer relay;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        fixture = new OutgoingFixture(admin).noServers().catchallDomain("mycompany.example");
        relay = ScriptedSmtpServer.start();
        fixture.server("relay", relay.port(), null, 10, Map.of());
    }

    @AfterEach
    void tearDown() {
        fixture.parameter("mail.queue.retention.days", null).parameter("mail.inbound.retention.days", null);
        fixture.noServers();
        relay.close();
    }

    @Test
    void whatServedItsTimeGoesAndWhatSomeoneMustDealWithStays() throws Exception {
        long record = fixture.record("Retention");
        String mary = fixture.follower(record, "Mary", "customer.example")
                .get("email")
                .asString();
        String gone = fixture.follower(record, "Gone", "customer.example")
                .get("email")
                .asString();
        relay.refuseRecipient(gone, 550, "5.1.1 <" + gone + ">: Recipient address rejected: User unknown");
        byte[] attached = ("kept " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        JsonNode message = fixture.postWithAttachment(
                record, fixture.author("Ann", "mycompany.example"), "<p>with a file</p>", "kept.txt", attached);
        process();
        long oldSent = fixture.mailTo(mary).get("id").asLong();
        long failed = fixture.mailTo(gone).get("id").asLong();
        assertThat(mail(failed).get("state").asString()).isEqualTo("exception");
        byte[] newsletter = MailFixtures.load("unrouted/newsletter.eml", Map.of());
        long oldProcessed = received(newsletter, "dropped");
        byte[] poison =
                replyWithTooLargeAttachment(mary, message.get("messageId").asString());
        long oldFailed = received(poison, "failed");
        String orphan = filestore.store(
                new ByteArrayInputStream(UUID.randomUUID().toString().getBytes()));
        // files are as old as the file system says (its clock stamps them), not as the server's clock
        for (String file : List.of(orphan, hash(newsletter), hash(poison), hash(attached))) {
            writtenDaysAgo(file, 2);
        }

        clock.advance(Duration.ofDays(91));
        fixture.post(record, fixture.author("Ann", "mycompany.example"), null, "<p>three months later</p>");
        process();
        long youngSent = fixture.queue("sent").stream()
                .filter(m -> m.get("emailTo").asString().contains(mary))
                .mapToLong(m -> m.get("id").asLong())
                .max()
                .orElseThrow();
        long youngProcessed = received(MailFixtures.load("unrouted/newsletter.eml", Map.of()), "dropped");
        String youngOrphan = filestore.store(
                new ByteArrayInputStream(UUID.randomUUID().toString().getBytes()));

        JsonNode run = runGarbageCollection();
        assertThat(run.get("lastRunStatus").asString()).isEqualTo("ok");
        assertThat(run.get("lastRunDetail").asString())
                .matches("deleted [1-9]\\d* sent or canceled mails and \\d+ mass mail templates older than 30 days,"
                        + " [1-9]\\d* processed received"
                        + " mails and \\d+ bounces older than 90 days, [1-9]\\d* files no longer referenced"
                        + " \\(\\d+\\.\\d MB\\)");
        assertThat(admin.get("/api/mail-queue/" + oldSent).status()).isEqualTo(404);
        assertThat(mail(youngSent).get("state").asString()).isEqualTo("sent");
        assertThat(mail(failed).get("state").asString()).isEqualTo("exception");
        assertThat(admin.get("/api/inbound-log/" + oldProcessed).status()).isEqualTo(404);
        assertThat(admin.get("/api/inbound-log/" + oldFailed).status()).isEqualTo(200);
        assertThat(admin.get("/api/inbound-log/" + youngProcessed).status()).isEqualTo(200);
        assertThat(stored(orphan)).as("a file no row refers to").isFalse();
        assertThat(stored(hash(newsletter)))
                .as("the raw bytes of the deleted received mail")
                .isFalse();
        assertThat(stored(hash(poison)))
                .as("the raw bytes of the failed received mail")
                .isTrue();
        assertThat(stored(hash(attached))).as("an attachment's file").isTrue();
        assertThat(stored(youngOrphan)).as("a file written less than a day ago").isTrue();

        // the days are the administrator's: one day each, two days later the young ones go too
        fixture.parameter("mail.queue.retention.days", "1").parameter("mail.inbound.retention.days", "1");
        clock.advance(Duration.ofDays(2));
        runGarbageCollection();
        assertThat(admin.get("/api/mail-queue/" + youngSent).status()).isEqualTo(404);
        assertThat(admin.get("/api/inbound-log/" + youngProcessed).status()).isEqualTo(404);
        assertThat(mail(failed).get("state").asString()).isEqualTo("exception");
        assertThat(admin.get("/api/inbound-log/" + oldFailed).status()).isEqualTo(200);
    }

    @Test
    void theActionIsDailyAndItsDaysAreCheckedWhenSet() {
        JsonNode action = action();
        assertThat(action.get("name").asString()).isEqualTo("Mail: Garbage Collection");
        assertThat(action.get("intervalNumber").asInt()).isEqualTo(1);
        assertThat(action.get("intervalType").asString()).isEqualTo("days");
        assertThat(admin.put("/api/config-parameters/mail.queue.retention.days", Map.of("value", "0"))
                        .status())
                .isEqualTo(400);
        assertThat(admin.put("/api/config-parameters/mail.inbound.retention.days", Map.of("value", "ninety"))
                        .status())
                .isEqualTo(400);
    }

    /** A reply to the thread whose attachment is over this context's 1 KB limit: posting it fails. */
    private static byte[] replyWithTooLargeAttachment(String from, String inReplyTo) {
        return ("From: " + from + "\r\nTo: catchall@mycompany.example\r\nSubject: Re: Retention\r\nIn-Reply-To: "
                        + inReplyTo + "\r\nMessage-ID: <big-" + UUID.randomUUID() + "@customer.example>\r\n"
                        + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
                        + "--b\r\nContent-Type: text/plain\r\n\r\nsee the file\r\n"
                        + "--b\r\nContent-Type: application/octet-stream\r\n"
                        + "Content-Disposition: attachment; filename=big.bin\r\n\r\n" + "A".repeat(4096)
                        + "\r\n--b--\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private long received(byte[] raw, String outcome) {
        ApiClient.Response response = admin.postBytes("/api/inbound", "message/rfc822", raw);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("outcome").asString()).isEqualTo(outcome);
        return response.json().get("logId").asLong();
    }

    private void process() {
        assertThat(admin.post("/api/mail-queue/process", Map.of()).status()).isEqualTo(200);
    }

    private JsonNode mail(long id) {
        return admin.get("/api/mail-queue/" + id).json();
    }

    private JsonNode action() {
        return admin.get("/api/scheduled-actions")
                .json()
                .valueStream()
                .filter(a -> a.get("code").asString().equals("mail_gc"))
                .findFirst()
                .orElseThrow();
    }

    private JsonNode runGarbageCollection() {
        ApiClient.Response run =
                admin.post("/api/scheduled-actions/" + action().get("id").asLong() + "/run", Map.of());
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        return run.json();
    }

    private void writtenDaysAgo(String hash, int days) throws Exception {
        Path file = filestore.file(hash);
        Files.setLastModifiedTime(
                file, FileTime.from(Files.getLastModifiedTime(file).toInstant().minus(Duration.ofDays(days))));
    }

    private boolean stored(String hash) {
        return Files.exists(filestore.file(hash));
    }

    private static String hash(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
