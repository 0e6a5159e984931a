package com.perfectwork.mail.outgoing;

import com.perfectwork.mail.core.EmailAddress;

/**
 * The outcome of choosing a server for a sender: the server, the From to send with (the sender's, or
 * rewritten onto the notifications address), and which rung of the documented ladder decided, for the
 * administrator who asks "why did this mail go through that server?".
 */
public record ServerChoice(MailServer server, EmailAddress from, boolean rewritten, String rule) {}
