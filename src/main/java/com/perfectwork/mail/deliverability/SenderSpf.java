package com.perfectwork.mail.deliverability;

/**
 * SPF for a received mail (RFC 7208 §2.3, §2.4): the verdict for the identity checked, {@code smtp.mailfrom} (the MAIL
 * FROM domain) or {@code smtp.helo} (the HELO name, for the null sender of a bounce); null identity and domain when
 * nothing could be checked, the detail saying why.
 */
record SenderSpf(SpfVerdict verdict, String identity, String domain, String detail) {

    static SenderSpf unchecked(String why) {
        return new SenderSpf(SpfVerdict.NONE, null, null, why);
    }

    /** As Authentication-Results writes it: {@code spf=pass (...) smtp.mailfrom=example.com}. */
    String text() {
        return "spf=" + verdict.word() + (detail == null ? "" : " (" + detail + ")")
                + (identity == null ? "" : " " + identity + "=" + domain);
    }
}
