package com.perfectwork.mail.mailing;

import java.util.List;

/**
 * A mailing's counts over time, for its chart: {@code times} the start of each step (epoch seconds), and per step how
 * many mails were sent, and how many recipients opened and clicked first in it.
 */
public record MailingSeries(long step, List<Long> times, List<Long> sent, List<Long> opened, List<Long> clicked) {}
