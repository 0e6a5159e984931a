package com.perfectwork.mail.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.perfectwork.mail.core.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParameterRulesTest {

    private final ParameterRules rules = new ParameterRules();

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "mail.catchall.domain     | MyCompany.COM                  | mycompany.com",
                "mail.catchall.domain     | mail.my-company.example        | mail.my-company.example",
                "mail.catchall.alias      | catchall                       | catchall",
                "mail.bounce.alias        | bounce.mail                    | bounce.mail",
                "mail.default.from        | notifications                  | notifications",
                "mail.default.from        | notifications@mycompany.com    | notifications@mycompany.com",
                "mail.default.from_filter | MyCompany.com, Ops@Other.COM   | mycompany.com,ops@other.com",
                "mail.gateway.loop.minutes| ' 120 '                        | 120",
                "mail.daily.limit         | 0                              | 0",
                "company.email            | Info <info@mycompany.com>      | info@mycompany.com",
                "mail.custom.servers      | TRUE                           | true",
                "mail.custom.servers      | false                          | false",
                "any.custom.key           | anything at all                | anything at all",
                "google_gmail_client_identifier | ' 1234-abc.apps.googleusercontent.com ' | 1234-abc.apps.googleusercontent.com",
                "microsoft_outlook_client_secret | ' s3cr~et with spaces ' | s3cr~et with spaces",
            })
    void acceptsAndCanonicalizesValidValues(String key, String value, String stored) {
        assertThat(rules.check(key, value).value()).isEqualTo(stored);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "mail.catchall.domain      | my company.com",
                "mail.catchall.domain      | -bad.com",
                "mail.catchall.domain      | mycompany..com",
                "mail.catchall.domain      | https://mycompany.com",
                "mail.catchall.alias       | catch all",
                "mail.catchall.alias       | catchall@mycompany.com",
                "mail.bounce.alias         | .bounce",
                "mail.default.from         | not an address@",
                "mail.default.from_filter  | mycompany.com,,other.com",
                "mail.default.from_filter  | bad domain",
                "mail.gateway.loop.minutes | 0",
                "mail.gateway.loop.threshold | twenty",
                "mail.daily.limit          | -1",
                "company.email             | nobody",
                "mail.custom.servers       | yes",
                "google_gmail_client_identifier | 1234 .apps.googleusercontent.com",
                "microsoft_outlook_client_identifier | ' '",
                "microsoft_outlook_client_secret | ' '",
            })
    void refusesInvalidValuesOfKeysWithAMeaning(String key, String value) {
        assertThatThrownBy(() -> rules.check(key, value))
                .isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("field", "value");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"has space", "''", "é.accent", ".starts.with.dot"})
    void refusesMalformedKeys(String key) {
        assertThatThrownBy(() -> rules.check(key, "x"))
                .isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("field", "key");
    }
}
