package com.perfectwork.mail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;

/**
 * Databases of their own on the suite's PostgreSQL, for the tests whose server must not share the suite's tables
 * (a queue runner of another configuration would take the suite's mails). Empty on H2, where every test context
 * has an in-memory database of its own anyway.
 */
public final class PostgresDatabases {

    private PostgresDatabases() {}

    /** The suite's PostgreSQL URL ({@code SPRING_DATASOURCE_URL}), when the suite runs on PostgreSQL. */
    public static Optional<String> suiteUrl() {
        String url = System.getenv("SPRING_DATASOURCE_URL");
        return url != null && url.startsWith("jdbc:postgresql:") ? Optional.of(url) : Optional.empty();
    }

    /** A fresh, empty database (dropped first if a run before left it), and its URL. */
    public static String create(String name) {
        String url = suiteUrl().orElseThrow(() -> new IllegalStateException("the suite does not run on PostgreSQL"));
        drop(name);
        execute(withDatabase(url, "postgres"), "CREATE DATABASE " + name);
        return withDatabase(url, name);
    }

    public static void drop(String name) {
        suiteUrl()
                .ifPresent(url ->
                        execute(withDatabase(url, "postgres"), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
    }

    /** The same server and options, another database. */
    public static String withDatabase(String url, String database) {
        return url.replaceFirst("^(jdbc:postgresql://[^/?]+/)[^?]*", "$1" + database);
    }

    public static String user() {
        return Objects.requireNonNullElse(System.getenv("SPRING_DATASOURCE_USERNAME"), "postgres");
    }

    public static String password() {
        return Objects.requireNonNullElse(System.getenv("SPRING_DATASOURCE_PASSWORD"), "");
    }

    public static void execute(String url, String statement) {
        try (Connection connection = DriverManager.getConnection(url, user(), password());
                Statement sql = connection.createStatement()) {
            sql.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement + " on " + url + ": " + e.getMessage(), e);
        }
    }
}
