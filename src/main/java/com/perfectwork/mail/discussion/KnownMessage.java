package com.perfectwork.mail.discussion;

/** A message already in a thread, found by its Message-ID header: what a received mail may duplicate or answer. */
public record KnownMessage(long id, String messageIdHeader, long recordId, String model) {}
