package com.perfectwork.mail.settings;

import com.perfectwork.mail.core.DomainName;
import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.core.FromFilter;
import com.perfectwork.mail.core.InvalidInputException;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * What a system parameter may hold. Keys with a meaning get their value checked (and put in canonical
 * form: domains lower-cased, numbers trimmed); any other key is stored as given, within size limits.
 */
@Component
class ParameterRules {

    static final int MAX_VALUE_LENGTH = 4000;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,254}");
    private static final Pattern LOCAL_PART =
            Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-]+)*");

    /**
     * The write-only parameters: the OAuth2 applications' client secrets (as Odoo names them), stored encrypted like the
     * servers' passwords and never shown again.
     */
    static final Set<String> SECRETS = Set.of("google_gmail_client_secret", "microsoft_outlook_client_secret");

    private final Map<String, UnaryOperator<String>> rules = Map.ofEntries(
            Map.entry("google_gmail_client_identifier", ParameterRules::clientIdentifier),
            Map.entry("microsoft_outlook_client_identifier", ParameterRules::clientIdentifier),
            Map.entry("google_gmail_client_secret", ParameterRules::clientSecret),
            Map.entry("microsoft_outlook_client_secret", ParameterRules::clientSecret),
            Map.entry("mail.catchall.domain", ParameterRules::domain),
            Map.entry("mail.catchall.alias", ParameterRules::localPart),
            Map.entry("mail.bounce.alias", ParameterRules::localPart),
            Map.entry("mail.default.from", ParameterRules::localPartOrAddress),
            Map.entry("mail.default.from_filter", ParameterRules::fromFilter),
            Map.entry("mail.gateway.loop.minutes", ParameterRules::positiveInteger),
            Map.entry("mail.gateway.loop.threshold", ParameterRules::positiveInteger),
            Map.entry("mail.daily.limit", ParameterRules::nonNegativeInteger),
            Map.entry("company.email", ParameterRules::address),
            Map.entry("mail.bounce.blacklist.count", ParameterRules::positiveInteger),
            Map.entry("mail.bounce.blacklist.days", ParameterRules::positiveInteger),
            Map.entry("mail.bounce.blacklist.spread.days", ParameterRules::nonNegativeInteger),
            Map.entry("mail.queue.retention.days", ParameterRules::positiveInteger),
            Map.entry("mail.inbound.retention.days", ParameterRules::positiveInteger),
            Map.entry(MailDomainSettings.CUSTOM_SERVERS, ParameterRules::yesNo),
            Map.entry(MailDomainSettings.CHECK_SENDERS, ParameterRules::yesNo));

    ConfigParameter check(String key, String value) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new InvalidInputException(
                    "key", "must be 1 to 255 letters, digits, dots, dashes or underscores, like mail.catchall.domain");
        }
        if (value == null) {
            throw new InvalidInputException("value", "is required");
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new InvalidInputException("value", "must be at most " + MAX_VALUE_LENGTH + " characters");
        }
        UnaryOperator<String> rule = rules.get(key);
        return new ConfigParameter(key, rule == null ? value : rule.apply(value.strip()));
    }

    /** An OAuth2 application's client id: one word, as the provider's console shows it. */
    static String clientIdentifier(String value) {
        if (value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidInputException(
                    "value", "must be the application's client id as the provider's console shows it, without spaces");
        }
        return value;
    }

    /** A client secret: kept as typed; an empty one is refused (delete the parameter to remove it). */
    static String clientSecret(String value) {
        if (value.isEmpty()) {
            throw new InvalidInputException("value", "is required; delete the parameter to remove the secret");
        }
        return value;
    }

    static String domain(String value) {
        return DomainName.parse(value, "value");
    }

    static String localPart(String value) {
        if (value.length() > 64 || !LOCAL_PART.matcher(value).matches()) {
            throw new InvalidInputException(
                    "value", "'" + value + "' is not the local part of an address (the part before @), like catchall");
        }
        return value;
    }

    static String localPartOrAddress(String value) {
        return value.contains("@") ? address(value) : localPart(value);
    }

    static String address(String value) {
        return EmailAddress.parse(value, "value").address();
    }

    /** Empty (everyone), or a comma-separated list of domains and full addresses. */
    static String fromFilter(String value) {
        return FromFilter.parse(value, "value").toString();
    }

    static String positiveInteger(String value) {
        int number = integer(value);
        if (number < 1) {
            throw new InvalidInputException("value", "must be a whole number of at least 1");
        }
        return Integer.toString(number);
    }

    static String nonNegativeInteger(String value) {
        int number = integer(value);
        if (number < 0) {
            throw new InvalidInputException("value", "must be a whole number of at least 0");
        }
        return Integer.toString(number);
    }

    /** A switch of the settings page: {@code true} or {@code false}, any case. */
    static String yesNo(String value) {
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new InvalidInputException("value", "must be true or false");
        }
        return Boolean.toString(Boolean.parseBoolean(value));
    }

    private static int integer(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("value", "'" + value + "' is not a whole number");
        }
    }
}
