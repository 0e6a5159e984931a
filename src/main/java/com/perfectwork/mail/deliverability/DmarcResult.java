package com.perfectwork.mail.deliverability;

/**
 * What DMARC gave for a mail: the verdict, the From domain, the policy that applies to it ({@code none},
 * {@code quarantine} or {@code reject}: the record's {@code p=}, or {@code sp=} when the record is its organizational
 * domain's; null when it publishes none), what aligned ({@code dkim} or {@code spf}, null when nothing did: an
 * aligned pass authenticates the From domain even where no policy is published) and why in words.
 */
record DmarcResult(DmarcVerdict verdict, String fromDomain, String policy, String alignedBy, String detail) {

    /** As Authentication-Results writes it: {@code dmarc=pass (p=reject; ...) header.from=example.com}. */
    String text() {
        StringBuilder comment = new StringBuilder();
        if (policy != null) {
            comment.append("p=").append(policy);
        }
        if (detail != null) {
            comment.append(comment.isEmpty() ? "" : "; ").append(detail);
        }
        return "dmarc=" + verdict.word() + (comment.isEmpty() ? "" : " (" + comment + ")")
                + (fromDomain == null ? "" : " header.from=" + fromDomain);
    }
}
