package com.perfectwork.mail.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchTextTest {

    @Test
    void blankOrMissingTextNarrowsNothing() {
        assertThat(new SearchText(null).isEmpty()).isTrue();
        assertThat(new SearchText("  ").isEmpty()).isTrue();
    }

    @Test
    void thePatternIsTheLowerCasedTextAnywhereInTheColumn() {
        assertThat(new SearchText("  Mary@Example.COM ").likePattern()).isEqualTo("%mary@example.com%");
    }

    @Test
    void wildcardsAndTheEscapeCharacterAreTakenLiterally() {
        assertThat(new SearchText("100%_off\\").likePattern()).isEqualTo("%100\\%\\_off\\\\%");
    }
}
