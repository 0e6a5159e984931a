package com.perfectwork.mail.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MassMailMessageIdTest {

    @Test
    void carriesTheTokenAndReadsItBack() {
        String id = MassMailMessageId.of("42.Zm9v-bar_baz", "mycompany.example");
        assertThat(id).isEqualTo("<bulk.42.Zm9v-bar_baz@mycompany.example>");
        assertThat(MassMailMessageId.token(id)).contains("42.Zm9v-bar_baz");
    }

    @Test
    void findsTheMassMailAmongTheReferences() {
        assertThat(MassMailMessageId.token("<1.abc@x.example>\r\n <bulk.7.sig@mycompany.example> <2.def@y.example>"))
                .contains("7.sig");
    }

    @Test
    void readsAnIdWithoutItsAngleBrackets() {
        assertThat(MassMailMessageId.token(" bulk.7.sig@mycompany.example ")).contains("7.sig");
    }

    @Test
    void anyOtherIdCarriesNoToken() {
        assertThat(MassMailMessageId.token("<1700000000.abc@mycompany.example>"))
                .isEmpty();
        assertThat(MassMailMessageId.token("<bulk.@mycompany.example>")).isEmpty();
        assertThat(MassMailMessageId.token("<notbulk.7@mycompany.example>")).isEmpty();
        assertThat(MassMailMessageId.token(null)).isEmpty();
    }

    @Test
    void aTokenThatCannotBeWrittenInAMessageIdIsRefused() {
        assertThat(MassMailMessageId.canCarry("a b")).isFalse();
        assertThat(MassMailMessageId.canCarry("a..b")).isFalse();
        assertThat(MassMailMessageId.canCarry("<a>")).isFalse();
        assertThat(MassMailMessageId.canCarry("")).isFalse();
        assertThatThrownBy(() -> MassMailMessageId.of("a@b", "x.example")).isInstanceOf(IllegalArgumentException.class);
    }
}
