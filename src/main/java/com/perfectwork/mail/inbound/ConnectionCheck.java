package com.perfectwork.mail.inbound;

/** The answer of Test & Confirm: ok (and the server confirmed), or the server's own words. */
public record ConnectionCheck(boolean ok, String message) {}
