package com.perfectwork.mail.directory;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code perfectwork.login-throttle.*}: how failed logins are slowed down ({@link LoginThrottle}). After
 * {@code login-address-failures} failures of one login from one address, {@code address-failures} from one address
 * (whatever the logins and keys) or {@code login-failures} of one login (whatever the addresses), the next attempt
 * waits {@code initial-delay}, doubling with each further failure up to {@code max-delay}; an attempt before then is
 * answered 429 with {@code Retry-After}. Counts are forgotten {@code forget-after} after their last failure; an
 * address where a login signed in is known for it during {@code known-for}. Each of the two tables holds at most
 * {@code max-entries} entries, the least used going first.
 */
@ConfigurationProperties("perfectwork.login-throttle")
public record LoginThrottleSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5") int loginAddressFailures,
        @DefaultValue("20") int addressFailures,
        @DefaultValue("10") int loginFailures,
        @DefaultValue("1s") Duration initialDelay,
        @DefaultValue("15m") Duration maxDelay,
        @DefaultValue("1h") Duration forgetAfter,
        @DefaultValue("30d") Duration knownFor,
        @DefaultValue("100000") int maxEntries) {}
