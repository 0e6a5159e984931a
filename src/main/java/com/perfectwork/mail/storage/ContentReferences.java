package com.perfectwork.mail.storage;

import java.util.Collection;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a module that keeps hashes of the {@link Filestore} declares, so that the files it still needs are never
 * collected: every module whose rows hold a content's hash (attachments, raw received mails, composed answers) has
 * one such bean. A file that no bean claims, last written more than {@link OrphanFiles#SAFE_MARGIN} ago, is deleted.
 */
public interface ContentReferences {

    /** Which of these hashes the module's rows still hold (one query for all of them). */
    Set<String> referenced(Collection<String> hashes);

    /**
     * The hashes among these that a column of the caller's own table holds, in one query (the column indexed).
     * {@code table} and {@code column} are the caller's constants, never input.
     */
    static Set<String> heldIn(JdbcClient jdbc, String table, String column, Collection<String> hashes) {
        if (hashes.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(
                jdbc.sql("SELECT DISTINCT " + column + " FROM " + table + " WHERE " + column + " IN (:hashes)")
                        .param("hashes", hashes)
                        .query(String.class)
                        .list());
    }
}
