package com.perfectwork.mail.retention;

import com.perfectwork.mail.settings.ConfigParameters;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * How long things are kept, system parameters: {@code mail.queue.retention.days} (30) for sent mails,
 * {@code mail.inbound.retention.days} (90) for processed received mails and bounces.
 */
@Component
class RetentionPeriods {

    static final String QUEUE_DAYS = "mail.queue.retention.days";
    static final String INBOUND_DAYS = "mail.inbound.retention.days";

    private final ConfigParameters parameters;

    RetentionPeriods(ConfigParameters parameters) {
        this.parameters = parameters;
    }

    Duration queue() {
        return days(QUEUE_DAYS, 30);
    }

    Duration inbound() {
        return days(INBOUND_DAYS, 90);
    }

    private Duration days(String key, int fallback) {
        return Duration.ofDays(Math.max(1, parameters.integer(key, fallback)));
    }
}
