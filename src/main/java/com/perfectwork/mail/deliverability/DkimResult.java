package com.perfectwork.mail.deliverability;

/**
 * What one DKIM-Signature of a received mail gave: the verdict, the signing domain ({@code d=}) and selector
 * ({@code s=}) as the signature names them (null when it names none), and why in words.
 */
record DkimResult(DkimVerdict verdict, String domain, String selector, String detail) {

    /** As Authentication-Results writes it: {@code dkim=pass header.d=example.com header.s=sel}, with why. */
    String text() {
        return "dkim=" + verdict.word() + (detail == null ? "" : " (" + detail + ")")
                + (domain == null ? "" : " header.d=" + domain) + (selector == null ? "" : " header.s=" + selector);
    }
}
