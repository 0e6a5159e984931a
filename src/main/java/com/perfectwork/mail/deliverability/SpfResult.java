package com.perfectwork.mail.deliverability;

/**
 * What check_host() gave for one address and domain: the verdict, why in words (the mechanism that matched, or the
 * error), the domain's own record (null when it has none), and the DNS look-ups the evaluation counted (§4.6.4).
 */
public record SpfResult(SpfVerdict verdict, String detail, String record, int lookups) {}
