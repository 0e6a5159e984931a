package com.perfectwork.mail.inbound;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** {@code perfectwork.inbound.max-size}: the largest mail taken, 50 MB by default. */
@ConfigurationProperties("perfectwork.inbound")
public record InboundSettings(@DefaultValue("50MB") DataSize maxSize) {}
