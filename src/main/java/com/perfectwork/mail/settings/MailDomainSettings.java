package com.perfectwork.mail.settings;

import com.perfectwork.mail.core.EmailAddress;
import java.util.Optional;
import java.util.OptionalInt;
import org.springframework.stereotype.Component;

/**
 * The typed read model of the mail system parameters, with the defaults the documentation names.
 * Read from the database (once per transaction, see {@link ConfigParameters#find}): a parameter changed by an
 * administrator (on any instance) applies to the next mail.
 */
@Component
public class MailDomainSettings {

    /** The documentation's default daily sending limit in hosted mode. */
    public static final int ONLINE_DAILY_LIMIT = 200;

    /** Whether received mail has its sender checked (SPF, DKIM, DMARC); see {@link #checkSenders()}. */
    public static final String CHECK_SENDERS = "mail.inbound.check_senders";

    /** The Custom Email Servers switch of Settings ‣ Discuss; only shows or hides the server settings. */
    public static final String CUSTOM_SERVERS = "mail.custom.servers";

    private final ConfigParameters parameters;
    private final DeploymentSettings deployment;

    MailDomainSettings(ConfigParameters parameters, DeploymentSettings deployment) {
        this.parameters = parameters;
        this.deployment = deployment;
    }

    /** {@code mail.catchall.domain}, the Alias Domain; empty while unset. */
    public Optional<String> catchallDomain() {
        return nonBlank("mail.catchall.domain");
    }

    /** {@code mail.catchall.alias}, default {@code catchall}. */
    public String catchallAlias() {
        return nonBlank("mail.catchall.alias").orElse("catchall");
    }

    /** {@code mail.bounce.alias}, default {@code bounce}. */
    public String bounceAlias() {
        return nonBlank("mail.bounce.alias").orElse("bounce");
    }

    /** {@code bounce@<alias domain>}, untagged: where bounces come back; empty while the alias domain is unset. */
    public Optional<EmailAddress> bounceAddress() {
        return catchallDomain().flatMap(domain -> EmailAddress.tryParse(bounceAlias() + "@" + domain));
    }

    /** {@code mail.default.from}: a local part or a full address; empty while unset. */
    public Optional<String> defaultFrom() {
        return nonBlank("mail.default.from");
    }

    /**
     * The notifications address: {@code mail.default.from} when it holds an {@code @}, else
     * {@code mail.default.from@mail.catchall.domain}; empty while the catchall domain is unset.
     */
    public Optional<EmailAddress> notificationsAddress() {
        Optional<String> from = defaultFrom();
        if (from.isPresent() && from.get().contains("@")) {
            return EmailAddress.tryParse(from.get());
        }
        return from.flatMap(local -> catchallDomain().flatMap(domain -> EmailAddress.tryParse(local + "@" + domain)));
    }

    /** {@code mail.default.from_filter}; empty while unset. */
    public Optional<String> defaultFromFilter() {
        return nonBlank("mail.default.from_filter");
    }

    /**
     * {@code mail.custom.servers}, the Custom Email Servers switch; off by default. It decides what the settings
     * page shows, not what is sent: servers stay in use while it is off.
     */
    public boolean customServers() {
        return nonBlank(CUSTOM_SERVERS).map(Boolean::parseBoolean).orElse(false);
    }

    /**
     * {@code mail.inbound.check_senders}, on by default: received mail has its sender checked with SPF, DKIM and
     * DMARC. Off for a server behind a gateway that checked already: the mail is then taken as it comes.
     */
    public boolean checkSenders() {
        return nonBlank(CHECK_SENDERS).map(Boolean::parseBoolean).orElse(true);
    }

    /** {@code mail.gateway.loop.minutes}, default 120. */
    public int loopMinutes() {
        return integer("mail.gateway.loop.minutes").orElse(120);
    }

    /** {@code mail.gateway.loop.threshold}, default 20. */
    public int loopThreshold() {
        return integer("mail.gateway.loop.threshold").orElse(20);
    }

    /** {@code mail.daily.limit}; unset means no limit, except in hosted mode where it is 200. */
    public OptionalInt dailyLimit() {
        OptionalInt configured = integer("mail.daily.limit");
        if (configured.isPresent() || !deployment.online()) {
            return configured;
        }
        return OptionalInt.of(ONLINE_DAILY_LIMIT);
    }

    /** {@code company.name}, used in generated mails; default "My Company". */
    public String companyName() {
        return nonBlank("company.name").orElse("My Company");
    }

    /** {@code company.email}, used in generated mails; empty while unset. */
    public Optional<EmailAddress> companyEmail() {
        return nonBlank("company.email").flatMap(EmailAddress::tryParse);
    }

    private Optional<String> nonBlank(String key) {
        return parameters.value(key).map(String::strip).filter(v -> !v.isEmpty());
    }

    private OptionalInt integer(String key) {
        Optional<String> value = nonBlank(key);
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(value.get()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
