package com.perfectwork.mail.web;

/**
 * The form that blacklists an address by hand: the address, and why (optional here; the blacklist keeps a reason
 * for every entry, so a blank one is recorded as added by hand).
 */
record BlacklistForm(String email, String reason) {

    static final String BY_HAND = "added by hand";

    static BlacklistForm blank() {
        return new BlacklistForm("", "");
    }

    String reasonOrDefault() {
        return reason == null || reason.isBlank() ? BY_HAND : reason.strip();
    }

    /** The entry's log line, naming who blacklisted the address and, when given, why. */
    String note(String login) {
        return "Blacklisted by " + login + (reason == null || reason.isBlank() ? "" : ": " + reason.strip());
    }
}
