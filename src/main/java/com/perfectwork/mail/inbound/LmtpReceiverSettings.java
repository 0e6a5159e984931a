package com.perfectwork.mail.inbound;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code perfectwork.lmtp-receiver.*}: the LMTP receiver (RFC 2033), off by default, for an MTA that hands mail
 * on with its {@code lmtp} transport; loopback unless said otherwise, {@code port} 0 for any free port. Its
 * limits are those of the SMTP receiver, with room for one MTA's connections (they all come from its address).
 */
@ConfigurationProperties("perfectwork.lmtp-receiver")
public record LmtpReceiverSettings(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("127.0.0.1") String host,
        @DefaultValue("2424") int port,
        @DefaultValue("50MB") DataSize maxSize,
        @DefaultValue("50") int maxConnections,
        @DefaultValue("50") int maxConnectionsPerAddress,
        @DefaultValue("100") int maxRecipients,
        @DefaultValue("5m") Duration commandTimeout,
        @DefaultValue("5m") Duration dataTimeout,
        @DefaultValue("10") int maxErrors,
        @DefaultValue("0") int maxConcurrentMails)
        implements ReceiverLimits {}
