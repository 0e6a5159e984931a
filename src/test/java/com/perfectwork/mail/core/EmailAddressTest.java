package com.perfectwork.mail.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "mary@customer.example.com                   | mary@customer.example.com",
                "Mary@Customer.Example.COM                   | mary@customer.example.com",
                "\"Mary Smith\" <Mary.Smith@Example.com>     | mary.smith@example.com",
                "Mary <MARY+Sales@EXAMPLE.com>               | mary+sales@example.com",
                "  mary@example.com                          | mary@example.com",
            })
    void normalizesToTheLowerCasedAddressPart(String given, String normalized) {
        assertThat(EmailAddress.parse(given, "email").normalized()).isEqualTo(normalized);
    }

    @Test
    void keepsNonAsciiLettersOfTheLocalPartAsTheyAre() {
        EmailAddress address = new EmailAddress(null, "Ünal.KAYA@Örnek.Example");
        assertThat(address.normalized()).isEqualTo("Ünal.kaya@örnek.example");
    }

    @Test
    void keepsTheDisplayNameAndTheAddressAsGiven() {
        EmailAddress address = EmailAddress.parse("\"Smith, Mary\" <Mary@Example.com>", "email");
        assertThat(address.displayName()).isEqualTo("Smith, Mary");
        assertThat(address.address()).isEqualTo("Mary@Example.com");
        assertThat(address.domain()).isEqualTo("example.com");
        assertThat(address.localPart()).isEqualTo("Mary");
        assertThat(address.formatted()).isEqualTo("\"Smith, Mary\" <Mary@Example.com>");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "mary",
                "mary@",
                "@example.com",
                "mary@@example.com",
                "mary@example..com",
                "a@b.com, c@d.com",
                "mary example@example.com",
                "<mary@example.com",
                "mary@example.com>"
            })
    void refusesWhatIsNotExactlyOneAddressNamingTheField(String text) {
        assertThatThrownBy(() -> EmailAddress.parse(text, "email"))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("email"));
        assertThat(EmailAddress.tryParse(text)).isEmpty();
    }
}
