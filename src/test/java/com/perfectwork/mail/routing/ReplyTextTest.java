package com.perfectwork.mail.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
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
                "Outlook desktop, French        | Merci\\n\\nDe\u00a0: Ann <a@x.example>\\nEnvoyé\u00a0: mardi | Merci",
                "Outlook desktop, German text   | Gut\\n\\n-----Ursprüngliche Nachricht-----\\nVon: Ann | Gut",
                "iPhone                         | Perfect\\n\\nSent from my iPhone\\n\\n> On 24 Nov 2026, at 18:05, Ann wrote: | Perfect",
                "Samsung Email                  | Fine\\n\\nSent from my Galaxy\\n\\n-------- Original message --------\\nFrom: Ann | Fine",
                "Outlook for Android            | Fine\\n\\nGet Outlook for Android\\n________________________________ | Fine",
                "German phone                   | Gut\\n\\nVon meinem iPhone gesendet\\n\\n> Am 24.11.2026 um 18:05 schrieb Ann: | Gut",
                "Spanish, attribution folded    | Sí\\n\\nEl mar, 24 nov 2026, 18:05, Ann <a@x.example>\\nescribió:\\n\\n> citado | Sí",
                "Italian                        | Sì\\n\\nIl giorno mar 24 nov 2026 alle ore 18:05 Ann <a@x.example> ha scritto:\\n> citato | Sì",
                "Dutch                          | Ja\\n\\nOp di 24 nov 2026 om 18:05 schreef Ann <a@x.example>:\\n> geciteerd | Ja",
                "Portuguese                     | Sim\\n\\nEm ter., 24 de nov. de 2026 às 18:05, Ann <a@x.example> escreveu:\\n> citado | Sim",
                "Gmail forward                  | Please open a ticket.\\n\\n---------- Forwarded message ---------\\nFrom: Mary | Please open a ticket.",
                "Apple Mail forward             | FYI\\n\\nBegin forwarded message:\\n\\nFrom: Mary | FYI",
                "a sentence opening like one    | On Friday we deliver.\\nEl viernes, sí. | On Friday we deliver.\\nEl viernes, sí.",
                "nothing quoted                 | Just this.\\nTwo lines. | Just this.\\nTwo lines.",
            })
    void keepsOnlyTheNewPart(String client, String text, String expected) {
        assertThat(ReplyText.strip(text.replace("\\n", "\n"))).as(client).isEqualTo(expected.replace("\\n", "\n"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "answers between quotes (inline) | On Tue, Ann wrote:\\n> Date?\\n\\nFriday.\\n\\n> Count?\\n\\nFifty.\\n\\n> Thanks | > Date?\\n\\nFriday.\\n\\n> Count?\\n\\nFifty.",
                "inline after written text       | Hi\\nOn 1/2/2026, Ann wrote:\\n> Date?\\n\\nFriday.\\n\\n> Count? | Hi\\n> Date?\\n\\nFriday.",
                "a closing below the quote       | Fine.\\nOn 1/2/2026, Ann wrote:\\n> Date?\\n\\nRegards, Bob | Fine.\\nRegards, Bob",
                "other text below the quote      | Fine.\\nOn 1/2/2026, Ann wrote:\\n> Date?\\n\\nThis came with the quote\\nand is no answer. | Fine.",
                "unquoted history below          | Fine.\\n\\nOn 1/2/2026, Ann wrote:\\n\\nDate?\\n\\nRegards, Ann | Fine.",
                "bottom-posted                   | On 1/2/2026, Ann wrote:\\n> Date?\\n\\nFriday.\\n-- \\nBob | Friday.",
                "forwarded, nothing written      | ---------- Forwarded message ---------\\nFrom: Ann <a@x.example>\\nDate: Tue\\nSubject: Chairs\\n\\nThe order. | The order.",
                "a quote ending the mail         | Friday.\\n\\n> Date?\\n> Count? | Friday.",
                "a quote opening the mail        | > Date?\\n\\nFriday. | > Date?\\n\\nFriday.",
                "only quoted                     | > On 1/2/2026, Ann wrote:\\n>> Date? | ''",
                "a quoted line wrapped           | Fine.\\nOn 1/2/2026, Ann wrote:\\n> \"A very long quoted line that the client wrapped after quoting it,\\nthe rest.\"\\n> End | Fine.",
                "a link wrapped in a quote       | Fine.\\nOn 1/2/2026, Ann wrote:\\n> View (http://x.example/a\\nb=1)\\n> End | Fine.",
                "an app line before the history  | Fine.\\n\\nSent from my iPhone\\n\\nOn 1/2/2026, Ann wrote: | Fine.",
                "an app line in a signature      | Fine.\\nVon meinem iPhone gesendet | Fine.",
                "the delimiter before the history | Fine.\\n--\\nBob\\n\\nDnia 1.2.2026 Ann <a@x.example> napisał(a):\\n> Date? | Fine.",
                "reply sharing the line          | reply On Wed, Apr 4, 2012 at 3:59 PM, bob@x.example wrote:\\n> Hi | reply",
                "reply sharing the line, dashes  | reply--- On Wed, Apr 4, 2012 at 3:59 PM, bob@x.example wrote:\\n> Hi | reply",
                "Gmail's tracker                 | Fine.\\n\\u1427\\n--\\nBob | Fine.",
                "a rule and a blank above fields | Fine.\\n\\n ------------------------------\\n\\n*From:* Ann\\n*Sent:* Tue\\n*To:* Bob | Fine.",
            })
    void tellsTheNewTextFromTheHistory(String rule, String text, String expected) {
        assertThat(ReplyText.strip(unescaped(text))).as(rule).isEqualTo(unescaped(expected));
    }

    private static String unescaped(String text) {
        return text.replace("\\n", "\n").replace("\\u1427", "\u1427");
    }

    @Test
    void theNewPartIsLookedForInTheFirst64KilobytesOnly() {
        String written = "A long report.\n".repeat(5000);

        assertThat(ReplyText.strip(written + "\nOn Tue, Nov 24, 2026 at 6:05 PM Ann <a@x.example> wrote:\n> quoted"))
                .hasSizeLessThanOrEqualTo(64 * 1024)
                .endsWith("A long report.")
                .doesNotContain("wrote:");
    }
}
