package com.perfectwork.mail.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FromFilterTest {

    @ParameterizedTest(name = "filter ''{0}'' accepts {1}: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''                          | ann@any.example         | true",
                "example.com                 | ann@example.com         | true",
                "EXAMPLE.com                 | Ann@Example.COM         | true",
                "example.com                 | ann@sub.example.com     | false",
                "mail.example.com            | ann@mmail.example.com   | false",
                "ann@example.com             | ann@example.com         | true",
                "ann@example.com             | bob@example.com         | false",
                "a.example, ann@b.example    | ann@b.example           | true",
                "a.example, ann@b.example    | bob@b.example           | false",
            })
    void acceptsTheSendersItHolds(String filter, String sender, boolean accepted) {
        assertThat(FromFilter.of(filter).accepts(EmailAddress.parse(sender, "from")))
                .isEqualTo(accepted);
    }

    @Test
    void theDisplayNameNeverCounts() {
        assertThat(FromFilter.of("example.com")
                        .accepts(EmailAddress.parse("\"ann@example.com\" <x@other.org>", "from")))
                .isFalse();
    }

    @Test
    void aSampleSenderIsTheFirstAddressElseNoreplyAtTheFirstDomain() {
        assertThat(FromFilter.of("a.example, ann@b.example").sampleSender()).hasValue("ann@b.example");
        assertThat(FromFilter.of("a.example").sampleSender()).hasValue("noreply@a.example");
        assertThat(FromFilter.EMPTY.sampleSender()).isEmpty();
    }

    @Test
    void aTypedFilterIsCheckedAndCanonical() {
        assertThat(FromFilter.parse(" Example.COM , Ann@B.example ", "fromFilter")
                        .toString())
                .isEqualTo("example.com,ann@b.example");
        assertThatThrownBy(() -> FromFilter.parse("example.com,,b.example", "fromFilter"))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> FromFilter.parse("not a domain", "fromFilter"))
                .isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("field", "fromFilter");
    }
}
