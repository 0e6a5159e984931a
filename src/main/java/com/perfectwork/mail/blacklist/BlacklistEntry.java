package com.perfectwork.mail.blacklist;

import java.time.Instant;
import java.util.List;

/**
 * A blacklisted address, or one that was: {@code email} is normalized (see {@code EmailAddress.normalized()}),
 * {@code active} says whether it is blacklisted now, {@code reason} why it was blacklisted last, and
 * {@code notes}, oldest first, every change with who made it.
 */
public record BlacklistEntry(
        long id, String email, boolean active, String reason, Instant createdAt, List<BlacklistNote> notes) {

    public BlacklistEntry {
        notes = List.copyOf(notes);
    }

    BlacklistEntry withNotes(List<BlacklistNote> notes) {
        return new BlacklistEntry(id, email, active, reason, createdAt, notes);
    }
}
