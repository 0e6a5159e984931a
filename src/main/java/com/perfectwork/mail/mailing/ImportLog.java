package com.perfectwork.mail.mailing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/**
 * The imports' progress and reports, in the database: the instance running an import writes them after each batch,
 * and any instance shows them. At most {@value #KEPT_LINES} refused lines are kept per import; all are counted.
 */
@Component
class ImportLog {

    static final int KEPT_LINES = 10_000;
    static final int MAX_REASON_LENGTH = 1000;

    private static final String COLUMNS = """
            id, list_id, file_name, state, bytes_total, bytes_read, rows_read, created, updated, opted_out, invalid,
            error, created_by, started_at, progressed_at, finished_at""";

    /** What a batch adds to its import's counts. */
    record Progress(
            long bytesRead, long rowsRead, long created, long updated, long optedOut, List<RefusedLine> refused) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    ImportLog(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    long start(long listId, String fileName, Long bytesTotal, String createdBy, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO mailing_imports (list_id, file_name, state, bytes_total, created_by, started_at,"
                        + " progressed_at) VALUES (?, ?, 'running', ?, ?, ?, ?)")
                .params(
                        listId,
                        truncate(fileName, 255),
                        bytesTotal,
                        truncate(createdBy, 128),
                        Subscriptions.utc(now),
                        Subscriptions.utc(now))
                .update(key, "id");
        return key.getKeyAs(Long.class);
    }

    /** Adds a batch's counts and refused lines (those beyond the kept ones only counted). */
    void progress(long importId, Progress progress, Instant now) {
        long invalidBefore = jdbc.sql("SELECT invalid FROM mailing_imports WHERE id = ?")
                .param(importId)
                .query(Long.class)
                .single();
        List<RefusedLine> kept = progress.refused().stream()
                .limit(Math.max(0, KEPT_LINES - invalidBefore))
                .toList();
        batch.batchUpdate(
                "INSERT INTO mailing_import_lines (import_id, line, reason) VALUES (?, ?, ?)",
                kept,
                1000,
                (ps, line) -> {
                    ps.setLong(1, importId);
                    ps.setLong(2, line.line());
                    ps.setString(3, truncate(line.reason(), MAX_REASON_LENGTH));
                });
        jdbc.sql("""
                        UPDATE mailing_imports SET bytes_read = ?, rows_read = rows_read + ?, created = created + ?,
                            updated = updated + ?, opted_out = opted_out + ?, invalid = invalid + ?, progressed_at = ?
                        WHERE id = ?""")
                .params(
                        progress.bytesRead(),
                        progress.rowsRead(),
                        progress.created(),
                        progress.updated(),
                        progress.optedOut(),
                        progress.refused().size(),
                        Subscriptions.utc(now),
                        importId)
                .update();
    }

    void finish(long importId, ContactImport.State state, String error, Instant now) {
        jdbc.sql("UPDATE mailing_imports SET state = ?, error = ?, finished_at = ?, progressed_at = ? WHERE id = ?")
                .params(state.code(), truncate(error, 4000), Subscriptions.utc(now), Subscriptions.utc(now), importId)
                .update();
    }

    Optional<ContactImport> find(long importId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM mailing_imports WHERE id = ?")
                .param(importId)
                .query(ImportLog::map)
                .optional();
    }

    /** The list's latest imports, newest first. */
    List<ContactImport> ofList(long listId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM mailing_imports WHERE list_id = ? ORDER BY id DESC"
                        + " FETCH NEXT ? ROWS ONLY")
                .params(listId, limit)
                .query(ImportLog::map)
                .list();
    }

    List<RefusedLine> refusedLines(long importId, int offset, int limit) {
        return jdbc.sql("SELECT line, reason FROM mailing_import_lines WHERE import_id = ? ORDER BY line"
                        + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")
                .params(importId, offset, limit)
                .query((rs, row) -> new RefusedLine(rs.getLong("line"), rs.getString("reason")))
                .list();
    }

    private static ContactImport map(ResultSet rs, int row) throws SQLException {
        return new ContactImport(
                rs.getLong("id"),
                rs.getLong("list_id"),
                rs.getString("file_name"),
                ContactImport.State.valueOf(rs.getString("state").toUpperCase(java.util.Locale.ROOT)),
                rs.getObject("bytes_total", Long.class),
                rs.getLong("bytes_read"),
                rs.getLong("rows_read"),
                rs.getLong("created"),
                rs.getLong("updated"),
                rs.getLong("opted_out"),
                rs.getLong("invalid"),
                rs.getString("error"),
                rs.getString("created_by"),
                instant(rs, "started_at"),
                instant(rs, "progressed_at"),
                instant(rs, "finished_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
