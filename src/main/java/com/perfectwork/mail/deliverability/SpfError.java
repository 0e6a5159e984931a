package com.perfectwork.mail.deliverability;

/**
 * Ends an SPF evaluation with permerror or temperror (RFC 7208 §2.6.6, §2.6.7): thrown inside the evaluator and the
 * parser only, turned into an {@link SpfResult} before anything leaves them.
 */
final class SpfError extends RuntimeException {

    private final SpfVerdict verdict;

    private SpfError(SpfVerdict verdict, String message) {
        super(message, null, false, false);
        this.verdict = verdict;
    }

    static SpfError permanent(String message) {
        return new SpfError(SpfVerdict.PERMERROR, message);
    }

    static SpfError temporary(String message) {
        return new SpfError(SpfVerdict.TEMPERROR, message);
    }

    SpfVerdict verdict() {
        return verdict;
    }
}
