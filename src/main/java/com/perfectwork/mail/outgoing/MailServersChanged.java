package com.perfectwork.mail.outgoing;

/** A server was created or changed (within the module: mails waiting for a server may go now). */
record MailServersChanged() {}
