package com.perfectwork.mail.directory;

/** A key just created: {@code key} is shown this once and cannot be read again. */
public record NewApiKey(long id, String name, String key) {}
