package com.perfectwork.mail.directory;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code perfectwork.admin.password} ({@code PERFECTWORK_ADMIN_PASSWORD}): the first administrator's
 * password, read only when that administrator is created at the first start.
 */
@ConfigurationProperties("perfectwork.admin")
record DirectorySettings(String password) {}
