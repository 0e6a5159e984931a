package com.perfectwork.mail.discussion;

import java.time.Instant;
import java.util.Map;

/**
 * A business document with a chatter: a {@code crm.lead}, a {@code sale.order}, a {@code helpdesk.ticket}…
 * {@code values} are its extra fields by name (from the defaults of the alias that created it), never null.
 */
public record BusinessRecord(long id, String model, String name, Instant createdAt, Map<String, String> values) {

    public BusinessRecord {
        values = values == null ? Map.of() : Map.copyOf(values);
    }

    public BusinessRecord(long id, String model, String name, Instant createdAt) {
        this(id, model, name, createdAt, Map.of());
    }
}
