package com.perfectwork.mail.outgoing;

/**
 * The answer of Test Connection: ok, or the stage that failed (connect, tls, auth, mail-from, rcpt-to,
 * data) with the server's own words.
 */
public record ConnectionTestResult(boolean ok, String stage, String message) {

    static ConnectionTestResult success(String message) {
        return new ConnectionTestResult(true, "done", message);
    }

    static ConnectionTestResult failure(String stage, String message) {
        return new ConnectionTestResult(false, stage, message);
    }
}
