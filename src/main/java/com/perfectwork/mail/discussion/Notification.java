package com.perfectwork.mail.discussion;

/** One recipient's copy of a message and how its delivery went. */
public record Notification(
        long id, long partnerId, String email, NotificationStatus status, String failureType, String failureReason) {}
