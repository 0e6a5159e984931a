package com.perfectwork.mail.directory;

import java.time.Instant;

/** An API key as listed: its name and the first characters of the key, never the key itself. */
public record ApiKey(long id, long userId, String name, String prefix, Instant createdAt) {}
