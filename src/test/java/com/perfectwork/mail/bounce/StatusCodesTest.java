package com.perfectwork.mail.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The most precise code of a report: the Status field's, unless the server's own reply says more. */
class StatusCodesTest {

    @ParameterizedTest(name = "Status {0}, reply \"{1}\" -> {2}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                // Exim and Sendmail write a generic 5.0.0 whatever the server answered
                "5.0.0 | 550 5.7.1 <a@b.example>: Relay access denied | 5.7.1",
                // 4.4.7 only says that the retries ended
                "4.4.7 | 421 4.7.1 Try again later, closing connection | 4.7.1",
                "4.4.7 | 451 4.4.2 Timeout waiting for data | 4.4.2",
                // a zero detail is "other": the reply's detail says more
                "5.2.0 | 552 5.2.2 Mailbox over quota | 5.2.2",
                // 5.1.1 is what a server that knows no better says of any refused recipient
                "5.1.1 | 550 5.7.1 Message rejected as spam | 5.7.1",
                // a precise field stays
                "5.2.2 | 550 5.0.0 Mailbox full | 5.2.2",
                "5.1.2 | 550 5.1.1 Host unknown | 5.1.2",
                // the field says whether it failed for good: a reply of the other class was an earlier attempt
                "5.0.0 | 421 4.4.2 Connection dropped | 5.0.0",
                // without a field, the reply's first code with a detail
                "- | 550 5.1.0 Address rejected; 550-5.1.1 User unknown | 5.1.1",
                "- | 554 5.0.0 Service unavailable | 5.0.0",
                "- | no code at all | -",
            })
    void keepsTheMostPreciseCode(String field, String reply, String kept) {
        assertThat(StatusCodes.precise(field, reply)).isEqualTo(kept);
    }

    @Test
    void readsNoCodeInAnAddressAVersionOrANumber() {
        assertThat(StatusCodes.in("from 192.5.1.10 (v5.1.1 build 4.4.7.2) 25.1.1, exit 5.1.1"))
                .containsExactly("5.1.1");
    }
}
