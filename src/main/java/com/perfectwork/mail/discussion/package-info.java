/**
 * The chatter: business records, their followers, messages, notifications and attachments.
 *
 * <p>Entry points: {@link com.perfectwork.mail.discussion.Records}, {@link com.perfectwork.mail.discussion.Followers},
 * {@link com.perfectwork.mail.discussion.Chatter} ({@code post} and {@code thread}),
 * {@link com.perfectwork.mail.discussion.Attachments}, {@link com.perfectwork.mail.discussion.RecordAccess} (who may
 * open, post on and list which record: the one rule of the pages and the REST API),
 * {@link com.perfectwork.mail.discussion.Inbox} (the notifications of users who chose the inbox over email: the post
 * stores them unread, with no mail).
 *
 * <p>Publishes {@link com.perfectwork.mail.discussion.MessagePosted} after a message and its notifications are
 * stored, through Spring Modulith's JDBC event publication registry: a listener in another module
 * (the outgoing queue) gets every event even across a crash. Consumes {@link com.perfectwork.mail.core.MailOutcomes}:
 * each notification follows the mail it was sent as ({@code NotificationOutcomes}).
 */
package com.perfectwork.mail.discussion;
