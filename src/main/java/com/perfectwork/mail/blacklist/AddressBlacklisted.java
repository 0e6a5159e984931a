package com.perfectwork.mail.blacklist;

/**
 * An address became blacklisted: a new entry, or an inactive one activated again; not published when an
 * address already blacklisted is blacklisted again. Published inside the blacklisting transaction.
 * {@code email} is normalized.
 */
public record AddressBlacklisted(String email, String reason) {}
