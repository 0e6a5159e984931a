/**
 * The content store of the data directory: bytes stored once per SHA-256, written atomically, streamed
 * back. Entry points: {@link com.perfectwork.mail.storage.Filestore}, and
 * {@link com.perfectwork.mail.storage.OrphanFiles}, which deletes the files no module refers to any more. Used for
 * attachments (discussion), raw received mails (inbound) and composed answers (outgoing): each of these modules
 * declares the hashes its rows hold through a {@link com.perfectwork.mail.storage.ContentReferences} bean. Publishes
 * and consumes no events.
 */
package com.perfectwork.mail.storage;
