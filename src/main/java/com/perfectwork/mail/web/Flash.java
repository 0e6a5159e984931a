package com.perfectwork.mail.web;

/** The message an action answers with, shown at the top of the next page; {@code ok} false for a refusal. */
record Flash(String text, boolean ok) {

    static Flash ok(String text) {
        return new Flash(text, true);
    }

    static Flash error(String text) {
        return new Flash(text, false);
    }
}
