package com.perfectwork.mail.bounce;

import com.perfectwork.mail.settings.ConfigParameters;
import org.springframework.stereotype.Component;

/**
 * The auto-blacklist rule's numbers, system parameters: {@code mail.bounce.blacklist.count} (5),
 * {@code mail.bounce.blacklist.days} (30), {@code mail.bounce.blacklist.spread.days} (7).
 */
@Component
class BounceSettings {

    private final ConfigParameters parameters;

    BounceSettings(ConfigParameters parameters) {
        this.parameters = parameters;
    }

    BlacklistRule blacklistRule() {
        return new BlacklistRule(
                integer("mail.bounce.blacklist.count", BlacklistRule.DEFAULT.count()),
                integer("mail.bounce.blacklist.days", BlacklistRule.DEFAULT.days()),
                integer("mail.bounce.blacklist.spread.days", BlacklistRule.DEFAULT.spreadDays()));
    }

    private int integer(String key, int fallback) {
        // the values were checked when set (ParameterRules); one set before that rule existed falls back
        try {
            return parameters
                    .value(key)
                    .map(String::strip)
                    .map(Integer::parseInt)
                    .orElse(fallback);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
