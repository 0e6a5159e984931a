package com.perfectwork.mail.blacklist;

import java.time.Instant;

/** A line of an entry's log: who blacklisted or released the address, and why. */
public record BlacklistNote(Instant createdAt, String body) {}
