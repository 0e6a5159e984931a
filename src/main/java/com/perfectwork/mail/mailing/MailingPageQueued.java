package com.perfectwork.mail.mailing;

/**
 * A page of a mailing's recipients is committed: traced, and queued unless excluded. Published synchronously in the
 * queueing's thread, outside any transaction; {@code recipients} counts the page's traces.
 */
public record MailingPageQueued(long mailingId, int recipients) {}
