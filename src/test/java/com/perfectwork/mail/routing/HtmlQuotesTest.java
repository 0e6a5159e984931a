package com.perfectwork.mail.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The containers clients put the quoted history of an HTML reply in, each cut out whatever its language says. */
class HtmlQuotesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Gmail                | <div dir="ltr">New</div><div class="gmail_quote"><div class="gmail_attr">Xyz:</div><blockquote class="gmail_quote">Old</blockquote></div>
            Gmail, bare quote    | <div>New</div><blockquote class="gmail_quote">Old</blockquote>
            Apple Mail           | <div>New</div><blockquote type="cite"><div>Xyz:</div>Old</blockquote>
            Thunderbird          | <p>New</p><div class="moz-cite-prefix">Xyz:</div><blockquote type="cite">Old</blockquote>
            Yahoo                | <div>New</div><div id="ydp1yahoo_quoted_77" class="ydp1yahoo_quoted"><div>Xyz:</div>Old</div>
            Outlook on the web   | <div>New</div><div id="appendonsend"></div><hr><div id="divRplyFwdMsg">Xyz</div><div>Old</div>
            Outlook, re-quoted   | <div>New</div><div id="x_divRplyFwdMsg">Xyz</div><div>Old</div>
            Outlook for Mac      | <div>New</div><span id="OLK_SRC_BODY_SECTION"><div>Xyz</div><div>Old</div></span>
            new Outlook          | <div>New</div><div id="mail-editor-reference-message-container"><div>Xyz</div>Old</div>
            Outlook desktop      | <p>New</p><div><div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p>Xyz</p></div></div><p>Old</p>
            Windows Mail         | <div>New</div><div style="padding-top: 5px; border-top-color: rgb(229, 229, 229); border-top-width: 1px; border-top-style: solid;">Xyz</div><div>Old</div>
            Hotmail              | <div>New<div><hr id="stopSpelling">Xyz<br><div>Old</div></div></div>
            Zimbra               | <div>New</div><hr id="zwchr"><div>Xyz</div><div>Old</div>
            Zimbra, marked       | <div>New</div><div data-marker="__QUOTED_TEXT__">Old</div>
            Proton Mail          | <div>New</div><div class="protonmail_quote">Xyz:<blockquote>Old</blockquote></div>
            Zoho                 | <div>New</div><div class="zmail_extra">Xyz:<blockquote>Old</blockquote></div>
            Yandex               | <div>New</div><div>Xyz:</div><blockquote>Old</blockquote>
            Mail.ru              | <p>New</p>Xyz:<br><blockquote style="border-left:1px solid #0857A6">Old</blockquote><br>
            """)
    void cutsEachClientsContainer(String client, String html) {
        String text = HtmlQuotes.text(html);

        assertThat(text).as(client).contains("New").doesNotContain("Old");
    }

    @Test
    void keepsABlockquoteWrittenAbove() {
        String text = HtmlQuotes.text("<blockquote>As you asked</blockquote><p>Here it is.</p>");

        assertThat(text).contains("As you asked").contains("Here it is.");
    }

    @Test
    void keepsWhatIsWrittenBelowAQuote() {
        String text = HtmlQuotes.text("<blockquote type=\"cite\">Old</blockquote><p>Answer below.</p>");

        assertThat(text).contains("Answer below.").doesNotContain("Old");
    }

    @Test
    void readsAMailThatIsAllHistoryWhole() {
        String text = HtmlQuotes.text("<div class=\"gmail_quote\">---------- Forwarded message ---------<br>"
                + "From: Ann<br><br>The order</div>");

        assertThat(text).contains("The order");
    }
}
