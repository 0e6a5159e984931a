package com.perfectwork.mail.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The new part of a reply, cut before the quoted history and the signature, as each client writes them. */
class ReplyTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Gmail, attribution on one line | Yes.\\n\\nOn Tue, Nov 24, 2026 at 6:05 PM Ann <a@x.example> wrote:\\n> quoted | Yes.",
                "Gmail, attribution folded      | Yes.\\n\\nOn Tue, Nov 24, 2026 at 6:05 PM Ann <a@x.example>\\nwrote:\\n> quoted | Yes.",
                "Apple Mail                     | Sure\\n\\n> On 24 Nov 2026, at 18:05, Ann <a@x.example> wrote:\\n> quoted | Sure",
                "Outlook desktop                | OK\\n\\n-----Original Message-----\\nFrom: Ann\\nSent: today | OK",
                "Outlook web                    | OK\\n\\n________________________________\\nFrom: Ann <a@x.example>\\nSent: today | OK",
                "French                         | Merci\\n\\nLe mar. 24 nov. 2026 à 18:05, Ann <a@x.example> a écrit :\\n> cité | Merci",
                "German                         | Danke\\n\\nAm Di., 24. Nov. 2026 um 18:05 Uhr schrieb Ann <a@x.example>:\\n> zitiert | Danke",
                "signature                      | See you Friday.\\n-- \\nMary, purchasing | See you Friday.",
                "nothing quoted                 | Just this.\\nTwo lines. | Just this.\\nTwo lines.",
            })
    void keepsOnlyTheNewPart(String client, String text, String expected) {
        assertThat(ReplyText.strip(text.replace("\\n", "\n"))).as(client).isEqualTo(expected.replace("\\n", "\n"));
    }
}
