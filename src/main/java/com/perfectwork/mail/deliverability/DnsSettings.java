package com.perfectwork.mail.deliverability;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code perfectwork.dns.*}: the DNS servers the deliverability checks ask ({@code host} or {@code host:port}; empty:
 * the system's resolvers), how long a question may wait for its answer at most, and how long answers are kept (a
 * check evaluates SPF once per outgoing server and asks the same names again).
 */
@ConfigurationProperties("perfectwork.dns")
public record DnsSettings(
        @DefaultValue List<String> servers,
        @DefaultValue("3s") Duration timeout,
        @DefaultValue("60s") Duration cacheTime) {}
