package com.perfectwork.mail.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ServerProcess;
import com.perfectwork.mail.SmtpSubmission;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The filestore on a disk that is full: a 1 MB tmpfs mounted on the data directory's {@code filestore} (the
 * database stays elsewhere, as a database on its own volume does), filled up. A mail received over SMTP is answered
 * {@code 452 4.3.1}, over HTTP {@code 503}, a post with an attachment {@code 503}; nothing half-written is left, no
 * mail is kept as failed or lost (the sender keeps it), and everything goes through once there is room again.
 * Needs root to mount the tmpfs, as CI has; skipped elsewhere.
 */
class FilestoreFullIT {

    private static final int TMPFS_BYTES = 1024 * 1024;

    @TempDir
    Path dataDir;

    Path filestore;
    Path filler;

    @BeforeEach
    void aSmallDiskUnderTheFilestore() throws Exception {
        filestore = Files.createDirectories(dataDir.resolve("data").resolve("filestore"));
        assumeTrue(
                run("mount", "-t", "tmpfs", "-o", "size=" + TMPFS_BYTES, "tmpfs", filestore.toString()) == 0,
                "mounting a tmpfs needs root");
        filler = filestore.resolve("filler");
    }

    @AfterEach
    void unmount() throws Exception {
        if (filler != null) {
            run("umount", "-l", filestore.toString());
        }
    }

    @Test
    void aFullDiskTellsSendersToTryAgainKeepsNothingHalfWrittenAndRecovers() throws Exception {
        int smtpPort = ServerProcess.freePort();
        try (ServerProcess server = new ServerProcess(
                dataDir,
                List.of("--perfectwork.smtp-receiver.enabled=true", "--perfectwork.smtp-receiver.port=" + smtpPort),
                List.of("PERFECTWORK_ADMIN_PASSWORD=disk-full-password"))) {
            server.start();
            ApiClient admin = ApiClient.basic(server.port(), "admin", "disk-full-password");
            admin.put("/api/config-parameters/mail.catchall.domain", Map.of("value", "mycompany.example"));
            assertThat(admin.post("/api/aliases", Map.of("name", "tickets", "model", "helpdesk.ticket"))
                            .status())
                    .isEqualTo(201);
            long record = admin.post("/api/records", Map.of("model", "crm.lead", "name", "Full disk"))
                    .id();
            byte[] file = random(64 * 1024);

            fill(0);
            Set<Path> before = stored();

            assertThatThrownBy(() -> sendOverSmtp(smtpPort, ticket("smtp", 32 * 1024)))
                    .hasCauseInstanceOf(SMTPSendFailedException.class)
                    .hasMessageContaining("452 4.3.1");
            ApiClient.Response http = admin.postBytes("/api/inbound", "message/rfc822", ticket("http", 32 * 1024));
            assertThat(http.status()).as(http.body()).isEqualTo(503);
            assertThat(http.raw().headers().firstValue("Retry-After")).isPresent();
            assertThat(http.json().get("detail").asString()).contains("data directory is full", "try again later");
            ApiClient.Response post = postWithAttachment(admin, record, file);
            assertThat(post.status()).as(post.body()).isEqualTo(503);

            assertThat(stored()).as("nothing half-written left behind").isEqualTo(before);
            assertThat(admin.get("/api/records/" + record + "/messages").json().size())
                    .as("the refused post is not in the thread")
                    .isZero();
            assertThat(admin.get("/api/inbound-log").json().size())
                    .as("no mail kept as failed: the senders keep them")
                    .isZero();
            assertThat(server.logText())
                    .contains("the sender is told to try again")
                    .contains("No space left on device");

            // room for the raw mail but not for its attachment: refused as well, not kept as a failed mail
            byte[] withAttachment = ticketWithAttachment("attached", random(96 * 1024));
            fill(withAttachment.length + 48 * 1024);
            assertThatThrownBy(() -> sendOverSmtp(smtpPort, withAttachment))
                    .hasCauseInstanceOf(SMTPSendFailedException.class)
                    .hasMessageContaining("452 4.3.1");
            assertThat(admin.get("/api/inbound-log").json().size()).isZero();
            assertThat(partials()).isEmpty();

            // room again: the senders' retries go through
            Files.delete(filler);
            sendOverSmtp(smtpPort, ticket("smtp", 32 * 1024));
            sendOverSmtp(smtpPort, withAttachment);
            ApiClient.Response again = admin.postBytes("/api/inbound", "message/rfc822", ticket("http", 32 * 1024));
            assertThat(again.status()).as(again.body()).isEqualTo(200);
            ApiClient.Response posted = postWithAttachment(admin, record, file);
            assertThat(posted.status()).as(posted.body()).isEqualTo(201);
            long attachment = posted.json().get("attachments").get(0).get("id").asLong();
            assertThat(admin.get("/api/attachments/" + attachment).raw().body()).isEqualTo(file);

            List<JsonNode> tickets = admin.get("/api/records?model=helpdesk.ticket")
                    .json()
                    .valueStream()
                    .toList();
            assertThat(tickets.stream().map(t -> t.get("name").asString()))
                    .containsExactlyInAnyOrder("Ticket smtp", "Ticket http", "Ticket attached");
            assertThat(admin.get("/api/inbound-log?outcome=failed").json().size())
                    .isZero();
            assertThat(partials()).isEmpty();
        }
    }

    /** Fills the tmpfs until it refuses, then gives back {@code free} bytes. */
    private void fill(long free) throws IOException {
        Files.deleteIfExists(filler);
        long written = 0;
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                written += block.length;
            }
        } catch (IOException full) {
            // the disk is full: that is the point
        }
        try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.WRITE)) {
            channel.truncate(Math.max(0, Math.min(written, Files.size(filler)) - free));
        }
    }

    /** Every file under the filestore but the filler: the stored contents and any temporary one. */
    private Set<Path> stored() throws IOException {
        try (Stream<Path> files = Files.walk(filestore)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.equals(filler))
                    .collect(Collectors.toSet());
        }
    }

    private Set<Path> partials() throws IOException {
        return stored().stream()
                .filter(p -> p.getFileName().toString().endsWith(".part"))
                .collect(Collectors.toSet());
    }

    private static ApiClient.Response postWithAttachment(ApiClient admin, long record, byte[] file) {
        return admin.post(
                "/api/records/" + record + "/messages",
                Map.of(
                        "body",
                        "<p>the report</p>",
                        "type",
                        "note",
                        "attachments",
                        List.of(Map.of(
                                "name",
                                "report.bin",
                                "mimetype",
                                "application/octet-stream",
                                "contentBase64",
                                Base64.getEncoder().encodeToString(file)))));
    }

    private static byte[] ticket(String name, int size) {
        return ("From: customer-" + name + "@customer.example\r\nTo: tickets@mycompany.example\r\nSubject: Ticket "
                        + name + "\r\nMessage-ID: <" + name + "@customer.example>\r\n\r\n"
                        + "x".repeat(76).concat("\r\n").repeat(size / 78))
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] ticketWithAttachment(String name, byte[] file) {
        return ("From: customer-" + name + "@customer.example\r\nTo: tickets@mycompany.example\r\nSubject: Ticket "
                        + name + "\r\nMessage-ID: <" + name + "@customer.example>\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n"
                        + "The log.\r\n--b\r\nContent-Type: application/octet-stream\r\n"
                        + "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=log.bin\r\n\r\n"
                        + Base64.getMimeEncoder().encodeToString(file) + "\r\n--b--\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static void sendOverSmtp(int port, byte[] raw) {
        SmtpSubmission.send(port, raw, "tickets@mycompany.example");
    }

    private static int run(String... command) throws Exception {
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }
}
