package com.perfectwork.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.PeakHeap;
import com.perfectwork.mail.ServerProcess;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedFileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two mails of about 41 MB (a 30 MB attachment each) received at once by the packaged server running with a
 * 256 MB heap: through the HTTP gateway (a reply posted on a record) and through the SMTP receiver (a new record
 * through an alias). Both come out with the attachment byte for byte, and the server lives on: the mails
 * streamed to the filestore and were parsed in place, never held in memory. A mail over the limits (45 MB here)
 * is refused by both while it streams in, with the setting to raise named, and nothing of it is kept.
 */
class LargeMailIT {

    private static final String PASSWORD = "large-mail-admin-password";
    private static final long THIRTY_MB = 30L * 1024 * 1024;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void aThirtyMegabyteAttachmentIsReceivedByAServerWithA256MegabyteHeap() throws Exception {
        List<String> environment = List.of(
                "PERFECTWORK_ADMIN_PASSWORD=" + PASSWORD,
                "PERFECTWORK_ATTACHMENTS_MAX_SIZE=64MB",
                "PERFECTWORK_SMTP_RECEIVER_ENABLED=true",
                "PERFECTWORK_SMTP_RECEIVER_PORT=0",
                "PERFECTWORK_SMTP_RECEIVER_MAX_SIZE=45MB",
                "PERFECTWORK_INBOUND_MAX_SIZE=45MB");
        try (ServerProcess server = new ServerProcess(dir, List.of(), environment).heap("256m")) {
            server.start();
            int smtpPort = smtpPort(server.logText());
            ApiClient admin = ApiClient.basic(server.port(), "admin", PASSWORD);
            admin.put("/api/config-parameters/mail.catchall.domain", Map.of("value", "mycompany.example"));
            assertThat(admin.post("/api/aliases", Map.of("name", "plans", "model", "project.task"))
                            .status())
                    .isEqualTo(201);

            long record = postToGateway(
                            server.port(),
                            "From: Ann Architect <ann@else.example>\r\nTo: plans@mycompany.example\r\n"
                                    + "Subject: The plans\r\nMessage-ID: <plans-0@else.example>\r\n\r\nPlans follow.\r\n")
                    .get("recordId")
                    .asLong();
            LargeMailFile reply = LargeMailFile.write(
                    dir.resolve("reply.eml"),
                    "From: Ann Architect <ann@else.example>\nTo: catchall@mycompany.example\n"
                            + "Subject: Re: The plans\nMessage-ID: <plans-1@else.example>\n"
                            + "In-Reply-To: <plans-0@else.example>",
                    "plans.bin",
                    THIRTY_MB,
                    1);
            LargeMailFile request = LargeMailFile.write(
                    dir.resolve("request.eml"),
                    "From: Bob Builder <bob@else.example>\nTo: plans@mycompany.example\n"
                            + "Subject: Site survey\nMessage-ID: <survey-1@else.example>",
                    "survey.bin",
                    THIRTY_MB,
                    2);

            // both at once: a server holding the mails in memory needs well over 256 MB for the two
            PeakHeap peakHeap = PeakHeap.of(server);
            long start = System.nanoTime();
            CompletableFuture<Void> overSmtp =
                    CompletableFuture.runAsync(() -> sendOverSmtp(smtpPort, request.file(), "plans@mycompany.example"));
            JsonNode posted = postToGateway(server.port(), reply.file());
            overSmtp.get(5, TimeUnit.MINUTES);
            peakHeap.close();
            System.out.printf(
                    "two 30 MB mails at once (gateway and SMTP) with -Xmx256m: taken in %d ms, peak heap %d MiB%n",
                    (System.nanoTime() - start) / 1_000_000, peakHeap.mebibytes());
            assertThat(server.logText()).doesNotContain("OutOfMemoryError");

            assertThat(posted.get("outcome").asString()).as(posted.toString()).isEqualTo("posted");
            assertThat(posted.get("recordId").asLong()).isEqualTo(record);
            assertAttachment(
                    server.port(), admin, record, posted.get("messageId").asLong(), reply);
            JsonNode survey = admin.get("/api/records?model=project.task")
                    .json()
                    .valueStream()
                    .filter(r -> r.get("name").asString().equals("Site survey"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no record created over SMTP"));
            JsonNode thread = admin.get("/api/records/" + survey.get("id").asLong() + "/messages")
                    .json();
            assertThat(thread.size()).isEqualTo(1);
            assertAttachment(
                    server.port(),
                    admin,
                    survey.get("id").asLong(),
                    thread.get(0).get("id").asLong(),
                    request);

            LargeMailFile tooLarge = LargeMailFile.write(
                    dir.resolve("too-large.eml"),
                    "From: Ann Architect <ann@else.example>\nTo: plans@mycompany.example\nSubject: All plans\n"
                            + "Message-ID: <plans-3@else.example>",
                    "all-plans.bin",
                    34L * 1024 * 1024,
                    3);
            HttpResponse<String> refused = HTTP.send(
                    authorized(server.port(), "/api/inbound")
                            .header("Content-Type", "message/rfc822")
                            .POST(HttpRequest.BodyPublishers.ofFile(tooLarge.file()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(413);
            assertThat(refused.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(JSON.readTree(refused.body()).get("detail").asString())
                    .contains("45.0 MB", "perfectwork.inbound.max-size");
            assertThatThrownBy(() -> sendOverSmtp(smtpPort, tooLarge.file(), "plans@mycompany.example"))
                    .hasCauseInstanceOf(SMTPSendFailedException.class)
                    .hasMessageContaining("552 5.3.4")
                    .hasMessageContaining("perfectwork.smtp-receiver.max-size");
            assertThat(admin.get("/api/inbound-log").json().size())
                    .as("nothing kept of the refused mails")
                    .isEqualTo(3);

            assertThat(server.isAlive()).as("the server survived all of it").isTrue();
            assertThat(server.logText()).doesNotContain("OutOfMemoryError");
        }
    }

    private static void assertAttachment(int port, ApiClient admin, long record, long messageId, LargeMailFile mail)
            throws Exception {
        JsonNode message = admin.get("/api/records/" + record + "/messages")
                .json()
                .valueStream()
                .filter(m -> m.get("id").asLong() == messageId)
                .findFirst()
                .orElseThrow();
        assertThat(message.get("attachments").size()).isEqualTo(1);
        JsonNode attachment = message.get("attachments").get(0);
        assertThat(attachment.get("size").asLong()).isEqualTo(mail.attachmentSize());
        MessageDigest digest = LargeMailFile.sha256Digest();
        long read;
        HttpResponse<InputStream> download = HTTP.send(
                authorized(port, "/api/attachments/" + attachment.get("id").asLong())
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(download.statusCode()).isEqualTo(200);
        try (InputStream in = new DigestInputStream(download.body(), digest)) {
            read = in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        assertThat(read).isEqualTo(mail.attachmentSize());
        assertThat(java.util.HexFormat.of().formatHex(digest.digest())).isEqualTo(mail.sha256());
    }

    private static JsonNode postToGateway(int port, Path mail) throws Exception {
        return postToGateway(port, HttpRequest.BodyPublishers.ofFile(mail));
    }

    private static JsonNode postToGateway(int port, String mail) throws Exception {
        return postToGateway(port, HttpRequest.BodyPublishers.ofString(mail));
    }

    private static JsonNode postToGateway(int port, HttpRequest.BodyPublisher mail) throws Exception {
        HttpResponse<String> response = HTTP.send(
                authorized(port, "/api/inbound")
                        .header("Content-Type", "message/rfc822")
                        .POST(mail)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Sent as stored: a message read from its file is not saved again, so its Message-ID and parts stay. */
    private static void sendOverSmtp(int port, Path mail, String recipient) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", Integer.toString(port));
        properties.put("mail.smtp.timeout", "120000");
        Session session = Session.getInstance(properties);
        try (SharedFileInputStream in = new SharedFileInputStream(mail.toFile());
                Transport transport = session.getTransport("smtp")) {
            MimeMessage message = new MimeMessage(session, in);
            transport.connect();
            transport.sendMessage(message, new Address[] {new InternetAddress(recipient)});
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpRequest.Builder authorized(int port, String path) {
        String credentials = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofMinutes(3))
                .header("Authorization", "Basic " + credentials);
    }

    /** The port the receiver took (port 0: any free one), as its start-up line says. */
    private static int smtpPort(String log) {
        Matcher listening =
                Pattern.compile("SMTP receiver listening on [^:\\s]+:(\\d+)").matcher(log);
        assertThat(listening.find())
                .as("the receiver's start-up line in:%n%s", log)
                .isTrue();
        return Integer.parseInt(listening.group(1));
    }
}
