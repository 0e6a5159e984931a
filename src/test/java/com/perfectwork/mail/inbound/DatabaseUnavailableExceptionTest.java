package com.perfectwork.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Which failures say the database is out of reach (the source must try again) and which say the mail or a
 * statement is wrong (the mail is kept as failed), from PostgreSQL's own SQL states as Spring translates them.
 */
class DatabaseUnavailableExceptionTest {

    private final SQLErrorCodeSQLExceptionTranslator postgres = new SQLErrorCodeSQLExceptionTranslator("PostgreSQL");

    private DataAccessException translated(String sqlState) {
        return postgres.translate("insert", "INSERT INTO inbound_mail", new SQLException("server says", sqlState));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "57P01", // terminating connection due to administrator command (a restart)
                "08006", // connection failure
                "08001", // unable to connect
                "57P03" // the database system is starting up
            })
    void aLostOrRefusedConnectionIsTheDatabaseBeingAway(String sqlState) {
        assertThat(DatabaseUnavailableException.isCause(new RuntimeException("routing failed", translated(sqlState))))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "22001", // value too long
                "23505" // unique violation
            })
    void aWrongStatementIsTheMailsFailure(String sqlState) {
        assertThat(DatabaseUnavailableException.isCause(translated(sqlState))).isFalse();
    }

    @Test
    void aBugIsTheMailsFailure() {
        assertThat(DatabaseUnavailableException.isCause(new IllegalArgumentException("bad header")))
                .isFalse();
    }

    @Test
    void aPoolThatCannotOpenATransactionIsTheDatabaseBeingAway() {
        CannotCreateTransactionException pool = new CannotCreateTransactionException(
                "Could not open JDBC Connection for transaction",
                new SQLException("Connection is not available, request timed out after 30000ms.", "08001"));
        assertThat(DatabaseUnavailableException.isCause(new IllegalStateException("wrapped", pool)))
                .isTrue();
    }
}
