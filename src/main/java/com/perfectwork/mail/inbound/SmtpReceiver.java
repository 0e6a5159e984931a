package com.perfectwork.mail.inbound;

import com.perfectwork.mail.settings.MailDomainSettings;
import com.perfectwork.mail.storage.FilestoreWriteException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The SMTP receiver (SubEthaSMTP): mail for the alias domain only, so it is never an open relay
 * ({@code 550 5.1.1} for any other recipient). It answers {@code 250} only once the mail is stored, and
 * {@code 451} when it could not be ({@code 452} when the data directory is full), so that the sending server tries
 * again. Each envelope recipient is
 * recorded as a {@code Delivered-To} line, so that an alias reached by Bcc is still found.
 */
@Component
public class SmtpReceiver implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SmtpReceiver.class);
    /** RFC 3463 4.3.1, mail system full: nothing was kept, the sender keeps the mail and tries again. */
    static final String INSUFFICIENT_STORAGE = "insufficient system storage, nothing kept, try again later";

    private final InboundPipeline pipeline;
    private final MailDomainSettings mailSettings;
    private final SmtpReceiverSettings settings;
    private final AliasDomainRecipients ours;
    private volatile SMTPServer server;

    SmtpReceiver(
            InboundPipeline pipeline,
            MailDomainSettings mailSettings,
            SmtpReceiverSettings settings,
            AliasDomainRecipients ours) {
        this.ours = ours;
        this.pipeline = pipeline;
        this.mailSettings = mailSettings;
        this.settings = settings;
    }

    /** The port it listens on, when it runs. */
    public Optional<Integer> port() {
        return Optional.ofNullable(server).map(SMTPServer::getPortAllocated);
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            return;
        }
        try {
            SMTPServer.Builder builder = SMTPServer.port(settings.port())
                    .bindAddress(InetAddress.getByName(settings.host()))
                    .hostName(mailSettings.catchallDomain().orElse("localhost"))
                    .softwareName("Perfectwork Mail")
                    .maxMessageSize(
                            (int) Math.min(Integer.MAX_VALUE, settings.maxSize().toBytes()))
                    .messageHandlerFactory(context -> new Delivery());
            if (settings.tls().enabled()) {
                builder.enableTLS()
                        .startTlsSocketFactory(tlsContext(settings.tls()))
                        .requireTLS(settings.tls().required());
            }
            server = builder.build();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("perfectwork.smtp-receiver.host: unknown host " + settings.host(), e);
        }
        server.start();
        log.info("SMTP receiver listening on {}:{}", settings.host(), server.getPortAllocated());
    }

    /** The SSL context of STARTTLS, from the configured keystore; a bad keystore stops the start with its reason. */
    private static SSLContext tlsContext(SmtpReceiverSettings.Tls tls) {
        char[] password = tls.keystorePassword() == null
                ? new char[0]
                : tls.keystorePassword().toCharArray();
        try (InputStream in = Files.newInputStream(Path.of(tls.keystore()))) {
            KeyStore keys = KeyStore.getInstance(tls.keystoreType());
            keys.load(in, password);
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(keys, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(managers.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    "perfectwork.smtp-receiver.tls.keystore: cannot read " + tls.keystore() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** One SMTP transaction: MAIL FROM, RCPT TO (checked), DATA (stored, then answered). */
    private final class Delivery implements MessageHandler {
        private final List<String> recipients = new ArrayList<>();

        @Override
        public void from(String from) {}

        @Override
        public void recipient(String recipient) throws RejectException {
            recipients.add(ours.accept(recipient)
                    .orElseThrow(() -> new RejectException(550, AliasDomainRecipients.REFUSAL.formatted(recipient))));
        }

        /**
         * Streams DATA to the filestore behind the Delivered-To lines, never whole into memory. Over
         * {@code perfectwork.smtp-receiver.max-size} it is refused with {@code 552 5.3.4} (RFC 5321 §4.5.3.1.10,
         * RFC 3463: too big for the system), a permanent answer: the server reads the rest of DATA first.
         */
        @Override
        public String data(InputStream data) throws RejectException {
            StringBuilder deliveredTo = new StringBuilder();
            for (String recipient : recipients) {
                deliveredTo.append("Delivered-To: ").append(recipient).append("\r\n");
            }
            InputStream raw = new SequenceInputStream(
                    new ByteArrayInputStream(deliveredTo.toString().getBytes(StandardCharsets.US_ASCII)), data);
            try {
                InboundResult result =
                        pipeline.receive(raw, "smtp", settings.maxSize(), "perfectwork.smtp-receiver.max-size");
                return "2.0.0 stored as " + result.logId() + " ("
                        + result.outcome().code() + ")";
            } catch (MailTooLargeException e) {
                throw new RejectException(552, "5.3.4 " + e.getMessage());
            } catch (FilestoreWriteException e) {
                log.error(
                        "Cannot store a mail received over SMTP; the sender is told to try again: {}", e.getMessage());
                throw new RejectException(452, "4.3.1 " + INSUFFICIENT_STORAGE);
            } catch (RuntimeException e) {
                log.error("Cannot store a mail received over SMTP; the sender is told to try again", e);
                throw new RejectException(451, "4.3.0 temporary problem storing the mail, try again later");
            }
        }

        @Override
        public void done() {}
    }
}
