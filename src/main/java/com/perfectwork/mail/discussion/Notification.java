package com.perfectwork.mail.discussion;

/**
 * One recipient's copy of a message and how its delivery went. {@code channel} is {@code "email"} or
 * {@code "inbox"}; an inbox notification is {@code SENT} from the start.
 */
public record Notification(
        long id,
        long partnerId,
        String email,
        NotificationStatus status,
        String failureType,
        String failureReason,
        String channel) {}
