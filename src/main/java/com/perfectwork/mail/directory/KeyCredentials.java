package com.perfectwork.mail.directory;

import java.util.Set;

/** What a presented API key authenticates: its active user, with the scopes the key was given. */
public record KeyCredentials(LoginCredentials user, Set<ApiKeyScope> scopes) {}
