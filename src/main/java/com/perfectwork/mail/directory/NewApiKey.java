package com.perfectwork.mail.directory;

import java.util.Set;

/** A key just created: {@code key} is shown this once and cannot be read again. */
public record NewApiKey(long id, String name, Set<ApiKeyScope> scopes, String key) {}
