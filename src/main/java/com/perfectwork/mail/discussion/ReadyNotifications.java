package com.perfectwork.mail.discussion;

import java.util.List;

/** The notifications of one message waiting to be mailed, with its Message-ID header, subject and record's name. */
public record ReadyNotifications(
        String messageIdHeader, String subject, String recordName, List<PendingNotification> notifications) {

    /** The subject its mails carry: the message's own, else "Re: " and the record's name. */
    public String mailSubject() {
        return subject != null && !subject.isBlank() ? subject : "Re: " + recordName;
    }
}
