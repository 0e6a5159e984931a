package com.perfectwork.mail.discussion;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** {@code perfectwork.attachments.max-size}: the largest attachment accepted, 25 MB by default. */
@ConfigurationProperties("perfectwork.attachments")
public record AttachmentSettings(@DefaultValue("25MB") DataSize maxSize) {}
