package com.perfectwork.mail.inbound;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code perfectwork.imap-idle.*}: push for incoming servers with {@code idle} set. The set of such servers is
 * checked every {@code check}; a server's connection is held under a database lease of {@code lease}
 * (renewed at every check); IDLE is issued anew every {@code refresh} (servers end it after about 29 minutes,
 * RFC 2177); a server without IDLE is asked for news every {@code poll}; a lost connection is opened again
 * after {@code retry-initial-delay}, doubling up to {@code retry-max-delay}.
 */
@ConfigurationProperties("perfectwork.imap-idle")
public record ImapIdleSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5s") Duration check,
        @DefaultValue("1m") Duration lease,
        @DefaultValue("10m") Duration refresh,
        @DefaultValue("5s") Duration poll,
        @DefaultValue("1s") Duration retryInitialDelay,
        @DefaultValue("5m") Duration retryMaxDelay) {}
