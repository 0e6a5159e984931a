package com.perfectwork.mail.scheduling;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code perfectwork.scheduling.*}: {@code enabled} (false on an instance that should only serve the API),
 * {@code tick} (how often due actions are looked for), {@code lease} (how long a run may take before
 * another instance may take the action over, should this one die mid-run).
 */
@ConfigurationProperties("perfectwork.scheduling")
record SchedulingSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5s") Duration tick,
        @DefaultValue("15m") Duration lease) {}
