package com.perfectwork.mail.mailing;

/** A line of an imported file that made no contact, and why. */
public record RefusedLine(long line, String reason) {}
