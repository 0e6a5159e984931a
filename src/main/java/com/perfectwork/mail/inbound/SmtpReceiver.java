package com.perfectwork.mail.inbound;

import com.perfectwork.mail.settings.MailDomainSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.SessionHandler;

/**
 * The SMTP receiver (SubEthaSMTP): mail for the alias domain only, so it is never an open relay
 * ({@code 550 5.1.1} for any other recipient). It answers {@code 250} only once the mail is stored and processed,
 * {@code 554} when the mail itself cannot be processed (kept as failed), and {@code 4xx} when the machine could not
 * take it ({@code 452} when the data directory is full, {@code 451} otherwise), so that the sending server tries
 * again ({@link DataReception}). Its limits ({@link ReceiverLimits}) are SubEthaSMTP's where it has them (connections
 * in all and per client address, the command timeout), the rest are its own: recipients (SubEthaSMTP's answer has no
 * RFC 3463 code), the data timeout, errors per session ({@link SessionErrors}) and the processing slots.
 */
@Component
public class SmtpReceiver implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SmtpReceiver.class);

    private final InboundPipeline pipeline;
    private final MailDomainSettings mailSettings;
    private final SmtpReceiverSettings settings;
    private final AliasDomainRecipients ours;
    private final ProcessingSlots slots;
    private volatile SMTPServer server;

    SmtpReceiver(
            InboundPipeline pipeline,
            MailDomainSettings mailSettings,
            SmtpReceiverSettings settings,
            AliasDomainRecipients ours,
            DataSource database) {
        this.ours = ours;
        this.pipeline = pipeline;
        this.mailSettings = mailSettings;
        this.settings = settings;
        this.slots = ProcessingSlots.fitting(settings.maxConcurrentMails(), database);
    }

    /** The port it listens on, when it runs. */
    public Optional<Integer> port() {
        return Optional.ofNullable(server).map(SMTPServer::getPortAllocated);
    }

    /** The slots its mails are processed in. */
    ProcessingSlots slots() {
        return slots;
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            return;
        }
        ReceiverLimits limits = settings;
        ReceiverLimits.check(limits, "perfectwork.smtp-receiver");
        DataReception reception = new DataReception(
                pipeline, slots, MailSource.SMTP, settings.maxSize(), "perfectwork.smtp-receiver.max-size");
        try {
            SMTPServer.Builder builder = SMTPServer.port(settings.port())
                    .bindAddress(InetAddress.getByName(settings.host()))
                    .hostName(mailSettings.catchallDomain().orElse("localhost"))
                    .softwareName("Perfectwork Mail")
                    .maxMessageSize(
                            (int) Math.min(Integer.MAX_VALUE, settings.maxSize().toBytes()))
                    // 421 beyond them (RFC 5321 §3.8); the command timeout is the server's of RFC 5321 §4.5.3.2.7
                    .maxConnections(limits.maxConnections())
                    .sessionHandler(SessionHandler.limitConcurrentSessionsBySource(limits.maxConnectionsPerAddress()))
                    .connectionTimeoutMs(limits.commandTimeoutMillis())
                    .maxRecipients(-1) // counted by the transaction, which answers 452 4.5.3
                    .serverSocketFactory(SmtpSessionSocket.serverSockets(limits.maxErrors()))
                    .messageHandlerFactory(context -> new SmtpDelivery(context, ours, reception, limits));
            if (settings.tls().enabled()) {
                builder.enableTLS()
                        .startTlsSocketFactory(SmtpSessionSocket.startTls(tlsContext(settings.tls())))
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
}
