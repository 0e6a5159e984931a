package com.perfectwork.mail.directory;

/** Changes to a user; a null field is left as it is. */
public record UserChange(String name, String email, Role role, Boolean active, String password) {}
