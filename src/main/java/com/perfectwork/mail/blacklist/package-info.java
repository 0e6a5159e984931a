/**
 * Blacklisted addresses, one entry per normalized address, each with its log of notes.
 *
 * <p>Entry point: {@link com.perfectwork.mail.blacklist.Blacklist} (add, remove, list, and the look-ups
 * {@code isBlacklisted} and {@code blacklistedAmong} for marking contacts and followers). An entry is never
 * deleted: removing an address keeps its entry inactive with a note, and adding it again re-activates the
 * same entry.
 *
 * <p>Publishes {@link com.perfectwork.mail.blacklist.AddressBlacklisted} when an address becomes blacklisted.
 * Consumes no events.
 */
package com.perfectwork.mail.blacklist;
