package com.perfectwork.mail.mailing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code perfectwork.mailing.queue-lease}: how long the queueing of a mailing is held by its instance after the last
 * page it wrote (2 minutes by default; a page takes well under a second). Once it lapses, the scheduled action
 * resumes the queueing on whichever instance runs it.
 */
@ConfigurationProperties("perfectwork.mailing")
public record MailingSettings(@DefaultValue("2m") Duration queueLease) {}
