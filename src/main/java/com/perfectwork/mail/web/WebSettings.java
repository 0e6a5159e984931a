package com.perfectwork.mail.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code perfectwork.web.*}: {@code inbox-poll}, how often a page asks whether the inbox changed (the top menu's
 * counter, the first page of the Inbox). An unchanged inbox costs one small statement and an empty answer.
 */
@ConfigurationProperties("perfectwork.web")
record WebSettings(@DefaultValue("5s") Duration inboxPoll) {

    /** The poll as htmx spells it. */
    String inboxPollTrigger() {
        return "every " + inboxPoll.toMillis() + "ms";
    }
}
