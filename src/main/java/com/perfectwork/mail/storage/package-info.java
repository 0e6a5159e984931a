/**
 * The content store of the data directory: bytes stored once per SHA-256, written atomically, streamed
 * back. Entry point: {@link com.perfectwork.mail.storage.Filestore}. Used for attachments (discussion) and
 * raw received mails (inbound). Publishes and consumes no events.
 */
package com.perfectwork.mail.storage;
