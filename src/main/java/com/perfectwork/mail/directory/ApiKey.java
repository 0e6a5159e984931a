package com.perfectwork.mail.directory;

import java.time.Instant;
import java.util.Set;

/** An API key as listed: its name, scopes and the first characters of the key, never the key itself. */
public record ApiKey(long id, long userId, String name, Set<ApiKeyScope> scopes, String prefix, Instant createdAt) {}
