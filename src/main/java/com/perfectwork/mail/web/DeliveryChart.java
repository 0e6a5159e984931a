package com.perfectwork.mail.web;

import com.perfectwork.mail.outgoing.MailStatistics;
import java.util.ArrayList;
import java.util.List;

/**
 * The dashboard's chart of mails per day, drawn as SVG on the server (no script, readable without one): one
 * stacked bar a day, sent at the bottom, then failed, then bounced, on a scale set by the busiest day. The
 * table under it gives the same figures exactly.
 */
record DeliveryChart(List<Bar> bars, long scale, int width, int height) {

    static final int HEIGHT = 160;
    static final int BAR_WIDTH = 18;
    static final int GAP = 4;

    /** One day's bar: the y and height of each part, in the chart's own units (y grows downwards). */
    record Bar(
            int x,
            String label,
            MailStatistics.Day day,
            int sentY,
            int sentHeight,
            int failedY,
            int failedHeight,
            int bouncedY,
            int bouncedHeight) {

        /** What a pointer over the bar shows. */
        public String title() {
            return label + ": " + day.sent() + " sent, " + day.failed() + " failed, " + day.bounced() + " bounced";
        }
    }

    static DeliveryChart of(List<MailStatistics.Day> days) {
        long scale = Math.max(
                1,
                days.stream()
                        .mapToLong(d -> d.sent() + d.failed() + d.bounced())
                        .max()
                        .orElse(0));
        List<Bar> bars = new ArrayList<>(days.size());
        int x = 0;
        for (MailStatistics.Day day : days) {
            int sent = height(day.sent(), scale);
            int failed = height(day.failed(), scale);
            int bounced = height(day.bounced(), scale);
            int sentY = HEIGHT - sent;
            int failedY = sentY - failed;
            int bouncedY = failedY - bounced;
            bars.add(new Bar(x, day.day().toString(), day, sentY, sent, failedY, failed, bouncedY, bounced));
            x += BAR_WIDTH + GAP;
        }
        return new DeliveryChart(bars, scale, Math.max(x - GAP, BAR_WIDTH), HEIGHT);
    }

    /** A non-zero count is at least a pixel high, so that a day with one failure shows it. */
    private static int height(long count, long scale) {
        if (count == 0) {
            return 0;
        }
        return (int) Math.max(1, Math.round((double) count * HEIGHT / scale));
    }

    public int barWidth() {
        return BAR_WIDTH;
    }

    public boolean empty() {
        return bars.stream()
                .allMatch(b -> b.day().sent() + b.day().failed() + b.day().bounced() == 0);
    }
}
