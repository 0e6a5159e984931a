package com.perfectwork.mail.mailing;

/**
 * What the recipients did: how many opened, clicked, replied and unsubscribed, and each as a percentage of the mails
 * delivered (0 when none was).
 */
public record MailingStats(
        long opened,
        long clicked,
        long replied,
        long unsubscribed,
        double openRate,
        double clickRate,
        double replyRate,
        double unsubscribeRate) {

    static MailingStats of(long delivered, long opened, long clicked, long replied, long unsubscribed) {
        return new MailingStats(
                opened,
                clicked,
                replied,
                unsubscribed,
                rate(opened, delivered),
                rate(clicked, delivered),
                rate(replied, delivered),
                rate(unsubscribed, delivered));
    }

    private static double rate(long count, long of) {
        return of == 0 ? 0 : Math.round(count * 1000.0 / of) / 10.0;
    }
}
