package com.perfectwork.mail.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The separators clients write above a quoted or forwarded mail, as they write them, in each language. */
class HistorySeparatorsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "-----Original Message-----",
                "----- Original Message -----",
                "*-------- Original Message --------*",
                "-------- Original message --------",
                "---------- Forwarded message ---------",
                "-------- Forwarded Message --------",
                "Begin forwarded message:",
                "-----Ursprüngliche Nachricht-----",
                "---------- Weitergeleitete Nachricht ----------",
                "-------- Message d'origine --------",
                "Début du message réexpédié :",
                "-------- Mensaje original --------",
                "-------- Messaggio originale --------",
                "-------- Oorspronkelijk bericht --------",
                "-------- Oprindelig besked --------",
                "-----Исходное сообщение-----",
                "-------- Пересылаемое сообщение --------",
                "------------------ 原始邮件 ------------------"
            })
    void readsEachClientsSeparator(String line) {
        assertThat(HistorySeparators.isOne(line)).isTrue();
    }

    static Stream<String> words() {
        return HistorySeparators.WORDS.stream();
    }

    @ParameterizedTest
    @MethodSource("words")
    void readsEachSeparatorsWordsBetweenDashes(String words) {
        assertThat(HistorySeparators.isOne("----- " + words.toUpperCase(java.util.Locale.ROOT) + " -----"))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"The original message was lost.", "------- Enter Feedback Below -------", "-----"})
    void leavesOtherLinesAlone(String line) {
        assertThat(HistorySeparators.isOne(line)).isFalse();
    }
}
