package com.perfectwork.mail.storage;

/** A content in the {@link Filestore}: its SHA-256 (hex), the key to read it back, and its size in bytes. */
public record StoredContent(String hash, long size) {}
