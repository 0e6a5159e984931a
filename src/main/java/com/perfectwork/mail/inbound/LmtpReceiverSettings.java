package com.perfectwork.mail.inbound;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code perfectwork.lmtp-receiver.*}: the LMTP receiver (RFC 2033), off by default, for an MTA that hands mail
 * on with its {@code lmtp} transport; loopback unless said otherwise, {@code port} 0 for any free port.
 */
@ConfigurationProperties("perfectwork.lmtp-receiver")
public record LmtpReceiverSettings(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("127.0.0.1") String host,
        @DefaultValue("2424") int port,
        @DefaultValue("50MB") DataSize maxSize) {}
