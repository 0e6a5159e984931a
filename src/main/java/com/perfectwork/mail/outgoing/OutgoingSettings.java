package com.perfectwork.mail.outgoing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code perfectwork.mail.*}: the server configured by deployment ({@code smtp.*}, used only while no server
 * record exists), the retry schedule of temporary failures, and the queue's batch sizes.
 */
@ConfigurationProperties("perfectwork.mail")
public record OutgoingSettings(
        @DefaultValue Smtp smtp,
        @DefaultValue Retry retry,
        @DefaultValue Queue queue) {

    /** The configured server; {@code host} unset means there is none. */
    public record Smtp(
            String host,
            @DefaultValue("25") int port,
            @DefaultValue("none") Encryption encryption,
            String username,
            String password,
            @DefaultValue("true") boolean verifyCertificates) {}

    /** Temporary failures: retried after {@code initialDelay}, doubling up to {@code maxDelay}, for {@code giveUpAfter}. */
    public record Retry(
            @DefaultValue("1m") Duration initialDelay,
            @DefaultValue("1h") Duration maxDelay,
            @DefaultValue("24h") Duration giveUpAfter) {}

    /**
     * {@code claimSize}: mails a runner claims at once; {@code claimLease}: how long a claim holds before
     * another runner may take the mails over (a runner that died), extended every third of it while the claim is
     * sent; {@code timeout}: SMTP connect and read; {@code connections}: connections a runner opens at once to one
     * server; {@code massClaimSize}: mass mails a claim holds at most (its mass mails give way to transactional mail
     * queued meanwhile: {@link TransactionalFirst}).
     */
    public record Queue(
            @DefaultValue("500") int claimSize,
            @DefaultValue("2") int connections,
            @DefaultValue("20s") Duration claimLease,
            @DefaultValue("10s") Duration timeout,
            @DefaultValue("true") boolean wakeOnPost,
            @DefaultValue("500") int massClaimSize) {}
}
