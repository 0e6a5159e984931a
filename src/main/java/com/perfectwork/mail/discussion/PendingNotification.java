package com.perfectwork.mail.discussion;

/** A notification waiting to be mailed: to whom, at which address (as stored when the message was posted). */
public record PendingNotification(
        long notificationId, long messageId, long partnerId, String partnerName, String email) {}
