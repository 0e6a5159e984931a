package com.perfectwork.mail.outgoing;

import java.time.Instant;

/** A batch of mails one runner claimed: the token written on their rows, and when their lease began. */
record Claim(String token, Instant at) {}
