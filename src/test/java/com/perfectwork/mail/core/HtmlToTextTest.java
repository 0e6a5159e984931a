package com.perfectwork.mail.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HtmlToTextTest {

    @Test
    void keepsParagraphsLineBreaksListsAndLinks() {
        String text = HtmlToText.convert("<p>Hello <b>Mary</b>,</p><p>the quote:<br>50 chairs</p>"
                + "<ul><li>blue</li><li>red</li></ul><p>See <a href=\"https://shop.example/q/42\">the quote</a>.</p>");
        assertThat(text)
                .isEqualTo(
                        "Hello Mary,\n\nthe quote:\n50 chairs\n\n- blue\n- red\n\nSee the quote <https://shop.example/q/42>.\n");
    }

    @Test
    void anEmptyBodyIsAnEmptyLine() {
        assertThat(HtmlToText.convert("")).isEqualTo("\n");
        assertThat(HtmlToText.convert(null)).isEqualTo("\n");
    }

    @Test
    void aLinkWhoseTextIsItsAddressIsWrittenOnce() {
        assertThat(HtmlToText.convert("<p><a href=\"https://shop.example/q/42\"> https://shop.example/q/42 </a></p>"))
                .isEqualTo("https://shop.example/q/42\n");
    }

    @Test
    void aMegabyteOfSpacedElementsIsTidiedWellUnderASecond() {
        String html = "<p>Hello</p>" + "<b> </b>".repeat(131_072) + "<p>Bye</p>";

        String text = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> HtmlToText.convert(html));

        // only the first 256 KB are read: the text is an alternative to the HTML, which stays whole
        assertThat(text).isEqualTo("Hello\n");
    }
}
