package com.perfectwork.mail.directory;

/** A user to create. Role defaults to {@link Role#USER}. */
public record NewUser(String login, String password, String name, String email, Role role) {}
