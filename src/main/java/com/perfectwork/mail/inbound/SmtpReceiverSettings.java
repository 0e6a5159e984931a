package com.perfectwork.mail.inbound;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code perfectwork.smtp-receiver.*}: the SMTP receiver, off by default; it listens on {@code host} (loopback
 * unless said otherwise) and {@code port} (0: any free port), and takes mails up to {@code max-size}. With a
 * {@code tls.keystore} (PKCS12 by default) it offers STARTTLS, and with {@code tls.required} it takes mail only
 * over TLS. Its limits ({@link ReceiverLimits}): what one client, one session and one mail may take of it.
 */
@ConfigurationProperties("perfectwork.smtp-receiver")
public record SmtpReceiverSettings(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("127.0.0.1") String host,
        @DefaultValue("2525") int port,
        @DefaultValue("50MB") DataSize maxSize,
        @DefaultValue Tls tls,
        @DefaultValue("200") int maxConnections,
        @DefaultValue("20") int maxConnectionsPerAddress,
        @DefaultValue("100") int maxRecipients,
        @DefaultValue("5m") Duration commandTimeout,
        @DefaultValue("5m") Duration dataTimeout,
        @DefaultValue("10") int maxErrors,
        @DefaultValue("0") int maxConcurrentMails)
        implements ReceiverLimits {

    /** STARTTLS: the server's key and certificate chain, from a keystore file. */
    public record Tls(
            String keystore,
            String keystorePassword,
            @DefaultValue("PKCS12") String keystoreType,
            @DefaultValue("false") boolean required) {

        public boolean enabled() {
            return keystore != null && !keystore.isBlank();
        }
    }
}
