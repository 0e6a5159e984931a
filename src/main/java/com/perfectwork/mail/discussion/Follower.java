package com.perfectwork.mail.discussion;

/** A partner following a record: notified of every comment posted on it. */
public record Follower(long partnerId, String name, String email) {}
