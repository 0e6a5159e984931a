package com.perfectwork.mail.discussion;

import java.time.Instant;

/** A business document with a chatter: a {@code crm.lead}, a {@code sale.order}, a {@code helpdesk.ticket}… */
public record BusinessRecord(long id, String model, String name, Instant createdAt) {}
