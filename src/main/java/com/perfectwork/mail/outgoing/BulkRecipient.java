package com.perfectwork.mail.outgoing;

/**
 * One recipient of a mass mail: its address, its name (or null), and the token its mail carries (in place of the
 * template's {@code {{token}}}, and in its Message-ID, see {@link com.perfectwork.mail.core.MassMailMessageId}).
 */
public record BulkRecipient(String email, String name, String token) {}
