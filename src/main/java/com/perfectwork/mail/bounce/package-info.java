/**
 * Bounces: understanding every delivery failure that comes back, showing it on the thread, and stopping mail to
 * dead addresses.
 *
 * <p>Entry point: {@link com.perfectwork.mail.bounce.Bounces}, given a received mail that routing found to look like
 * a bounce. {@code DsnParser} reads it (RFC 3464 delivery-status parts, RFC 5965 and older feedback reports, Amazon
 * SES notifications, the notices of each mail server family in {@code NoticeFamilies}, delay warnings included),
 * {@code StatusCodes} keeps the most precise code, {@code BounceClassifier} tells the reason and hard or soft,
 * {@code BounceAttribution} proves it is about a mail we sent to that address (the VERP tag
 * {@code bounce+<mailId>.<hmac>@} verifies, or a returned Message-ID is one we sent there: else it changes nothing),
 * and {@code BlacklistRule} decides when the address's bounces make it dead. Publishes and consumes no events: the mail,
 * its notification, the contacts' bounce count and the blacklist are changed through their modules' APIs, in the
 * transaction that records the received mail.
 */
package com.perfectwork.mail.bounce;
