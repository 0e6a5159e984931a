package com.perfectwork.mail.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The closings writers put below what they write, in the common languages; and prose that only starts like one. */
class ClosingsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Regards, Ann",
                "Best regards,",
                "Kind regards",
                "Cheers!",
                "Thanks,",
                "Thank you",
                "Cordialement,",
                "Bien à vous",
                "Mit freundlichen Grüßen",
                "Viele Grüße, Jürgen",
                "Saludos,",
                "Un saludo",
                "Cordiali saluti",
                "Atenciosamente,",
                "Met vriendelijke groet,",
                "Pozdrawiam",
                "Med venlig hilsen",
                "Med vänliga hälsningar",
                "Ystävällisin terveisin",
                "С уважением,",
                "З повагою"
            })
    void readsEachClosing(String line) {
        assertThat(Closings.isOne(line)).isTrue();
    }

    static Stream<String> words() {
        return Closings.WORDS.stream();
    }

    @ParameterizedTest
    @MethodSource("words")
    void readsEachClosingWithAName(String words) {
        String capitalized = words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);

        assertThat(Closings.isOne(capitalized + ", Ann")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Regardless of the date, we need the chairs.",
                "Thanksgiving is on Thursday",
                "This is after the embedded email and will not show up because 99% of the times"
            })
    void leavesProseAlone(String line) {
        assertThat(Closings.isOne(line)).isFalse();
    }
}
