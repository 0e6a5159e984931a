package com.perfectwork.mail.inbound;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code perfectwork.smtp-receiver.*}: the SMTP receiver, off by default; it listens on {@code host} (loopback
 * unless said otherwise) and {@code port} (0: any free port), and takes mails up to {@code max-size}.
 */
@ConfigurationProperties("perfectwork.smtp-receiver")
public record SmtpReceiverSettings(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("127.0.0.1") String host,
        @DefaultValue("2525") int port,
        @DefaultValue("50MB") DataSize maxSize) {}
