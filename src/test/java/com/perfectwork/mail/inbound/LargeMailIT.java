package com.perfectwork.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ServerProcess;
import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedFileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A 30 MB attachment, in a mail of about 41 MB, received by the packaged server running with a 256 MB heap:
 * through the HTTP gateway (it creates a record through an alias) and through the SMTP receiver (a reply
 * posted on that record). Both come out with the attachment byte for byte, and the server lives on: the mail
 * streamed to the filestore and was parsed in place, never held in memory.
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
        int smtpPort = freePort();
        List<String> environment = List.of(
                "PERFECTWORK_ADMIN_PASSWORD=" + PASSWORD,
                "PERFECTWORK_ATTACHMENTS_MAX_SIZE=64MB",
                "PERFECTWORK_SMTP_RECEIVER_ENABLED=true",
                "PERFECTWORK_SMTP_RECEIVER_PORT=" + smtpPort);
        try (ServerProcess server = new ServerProcess(dir, List.of(), environment).heap("256m")) {
            server.start();
            ApiClient admin = ApiClient.basic(server.port(), "admin", PASSWORD);
            admin.put("/api/config-parameters/mail.catchall.domain", Map.of("value", "mycompany.example"));
            assertThat(admin.post("/api/aliases", Map.of("name", "plans", "model", "project.task"))
                            .status())
                    .isEqualTo(201);

            LargeMailFile first = LargeMailFile.write(
                    dir.resolve("first.eml"),
                    "From: Ann Architect <ann@else.example>\nTo: plans@mycompany.example\nSubject: The plans\n"
                            + "Message-ID: <plans-1@else.example>",
                    "plans.bin",
                    THIRTY_MB,
                    1);
            JsonNode created = postToGateway(server.port(), first.file());
            assertThat(created.get("outcome").asString()).as(created.toString()).isEqualTo("created");
            long record = created.get("recordId").asLong();
            assertAttachment(
                    server.port(), admin, record, created.get("messageId").asLong(), first);

            LargeMailFile second = LargeMailFile.write(
                    dir.resolve("second.eml"),
                    "From: Ann Architect <ann@else.example>\nTo: catchall@mycompany.example\n"
                            + "Subject: Re: The plans\nMessage-ID: <plans-2@else.example>\n"
                            + "In-Reply-To: <plans-1@else.example>",
                    "plans-v2.bin",
                    THIRTY_MB,
                    2);
            sendOverSmtp(smtpPort, second.file(), "catchall@mycompany.example");
            JsonNode thread = admin.get("/api/records/" + record + "/messages").json();
            assertThat(thread.size()).as("posted before the 250 came back").isEqualTo(2);
            assertAttachment(
                    server.port(), admin, record, thread.get(1).get("id").asLong(), second);

            assertThat(server.isAlive()).as("the server survived both").isTrue();
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
        HttpResponse<String> response = HTTP.send(
                authorized(port, "/api/inbound")
                        .header("Content-Type", "message/rfc822")
                        .POST(HttpRequest.BodyPublishers.ofFile(mail))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Sent as stored: a message read from its file is not saved again, so its Message-ID and parts stay. */
    private static void sendOverSmtp(int port, Path mail, String recipient) throws Exception {
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
        }
    }

    private static HttpRequest.Builder authorized(int port, String path) {
        String credentials = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofMinutes(3))
                .header("Authorization", "Basic " + credentials);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
