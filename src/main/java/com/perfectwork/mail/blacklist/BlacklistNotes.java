package com.perfectwork.mail.blacklist;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The entries' logs. Notes are only ever added. */
@Component
class BlacklistNotes {

    private final JdbcClient jdbc;

    BlacklistNotes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(long entryId, String body, OffsetDateTime at) {
        jdbc.sql("INSERT INTO blacklist_notes (entry_id, body, created_at) VALUES (?, ?, ?)")
                .params(entryId, body, at)
                .update();
    }

    /**
     * The notes of these entries, oldest first, by entry id, in one query: {@code entryIds} is at most a page
     * of entries, well within an IN list.
     */
    Map<Long, List<BlacklistNote>> of(Collection<Long> entryIds) {
        Map<Long, List<BlacklistNote>> notes = new HashMap<>();
        if (entryIds.isEmpty()) {
            return notes;
        }
        jdbc.sql("SELECT entry_id, body, created_at FROM blacklist_notes WHERE entry_id IN (:ids) ORDER BY id")
                .param("ids", entryIds)
                .query(rs -> {
                    notes.computeIfAbsent(rs.getLong("entry_id"), id -> new ArrayList<>())
                            .add(new BlacklistNote(
                                    rs.getObject("created_at", OffsetDateTime.class)
                                            .toInstant(),
                                    rs.getString("body")));
                });
        return notes;
    }
}
