package com.perfectwork.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.OutgoingFixture;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The SMTP receiver with a keystore offers STARTTLS, and with {@code tls.required} takes mail only over TLS: a
 * sending server that does not start TLS is refused before it can hand anything over.
 */
@ApiTest
class SmtpReceiverTlsIT {

    private static final String PASSWORD = "receiver-keystore-password";

    @LocalServerPort
    int port;

    @Autowired
    SmtpReceiver receiver;

    ApiClient admin;

    /** A self-signed certificate made with the JDK's own keytool, as an administrator would make a test one. */
    @DynamicPropertySource
    static void keystore(DynamicPropertyRegistry registry) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(Path.of("target", "test-data"));
        Path keystore = dir.resolve("receiver-" + UUID.randomUUID() + ".p12");
        Process keytool = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "receiver",
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-validity",
                        "2",
                        "-dname",
                        "CN=mx.mycompany.example",
                        "-ext",
                        "SAN=dns:mx.mycompany.example,ip:127.0.0.1",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keystore.toString(),
                        "-storepass",
                        PASSWORD,
                        "-keypass",
                        PASSWORD))
                .redirectErrorStream(true)
                .start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        registry.add("perfectwork.smtp-receiver.tls.keystore", keystore::toString);
        registry.add("perfectwork.smtp-receiver.tls.keystore-password", () -> PASSWORD);
        registry.add("perfectwork.smtp-receiver.tls.required", () -> "true");
    }

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        new OutgoingFixture(admin).noServers().catchallDomain("mycompany.example");
    }

    @Test
    void mailIsTakenOverStartTlsOnly() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        admin.post("/api/aliases", java.util.Map.of("name", "secure-" + tag, "model", "helpdesk.ticket"));

        send("Over TLS " + tag, "secure-" + tag + "@mycompany.example", true);
        assertThat(admin.get("/api/records?model=helpdesk.ticket&limit=1000")
                        .json()
                        .valueStream()
                        .map(r -> r.get("name").asString()))
                .contains("Over TLS " + tag);

        assertThatThrownBy(() -> send("In clear " + tag, "secure-" + tag + "@mycompany.example", false))
                .isInstanceOf(MessagingException.class)
                .hasStackTraceContaining("530");
        assertThat(admin.get("/api/inbound-log?limit=1000")
                        .json()
                        .valueStream()
                        .noneMatch(
                                m -> ("In clear " + tag).equals(m.get("subject").asString())))
                .isTrue();
    }

    private void send(String subject, String recipient, boolean startTls) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(receiver.port().orElseThrow()));
        props.put("mail.smtp.starttls.enable", Boolean.toString(startTls));
        props.put("mail.smtp.starttls.required", Boolean.toString(startTls));
        props.put("mail.smtp.ssl.trust", "127.0.0.1");
        Session session = Session.getInstance(props);
        byte[] raw = ("From: client@else.example\r\nTo: " + recipient + "\r\nSubject: " + subject + "\r\nMessage-ID: <"
                        + UUID.randomUUID() + "@else.example>\r\n\r\nHello.\r\n")
                .getBytes(StandardCharsets.UTF_8);
        Transport.send(
                new MimeMessage(session, new ByteArrayInputStream(raw)),
                new Address[] {new InternetAddress(recipient)});
    }
}
