package com.perfectwork.mail.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The attribution lines clients write above the mail they quote, in their shapes and languages, and prose that is not. */
class AttributionsTest {

    static Stream<Arguments> attributions() {
        return Stream.of(
                arguments("Gmail, English", "On Tue, Nov 24, 2026 at 6:05 PM Ann Seller <ann@x.example> wrote:"),
                arguments("Gmail, French", "Le mar. 24 nov. 2026 à 18:05, Ann Seller <ann@x.example> a écrit :"),
                arguments("Gmail, German", "Am Di., 24. Nov. 2026 um 18:05 Uhr schrieb Ann Seller <ann@x.example>:"),
                arguments("Gmail, Spanish", "El mar, 24 nov 2026 a las 18:05, Ann Seller (<ann@x.example>) escribió:"),
                arguments("Gmail, Italian", "Il giorno mar 24 nov 2026 alle ore 18:05 Ann <ann@x.example> ha scritto:"),
                arguments("Gmail, Portuguese", "Em ter., 24 de nov. de 2026 às 18:05, Ann <ann@x.example> escreveu:"),
                arguments("Gmail, Dutch", "Op di 24 nov 2026 om 18:05 schreef Ann Seller <ann@x.example>:"),
                arguments("Gmail, Polish", "wt., 24 lis 2026 o 18:05 Ann Seller <ann@x.example> napisał(a):"),
                arguments("Gmail, Russian", "вт, 24 нояб. 2026 г. в 18:05, Ann Seller <ann@x.example>:"),
                arguments("Gmail, Ukrainian", "вт, 24 лист. 2026 р. о 18:05 Ann Seller <ann@x.example> пише:"),
                arguments("Gmail, Swedish", "Den tis 24 nov. 2026 kl 18:05 skrev Ann Seller <ann@x.example>:"),
                arguments("Gmail, Norwegian", "tir. 24. nov. 2026 kl. 18:05 skrev Ann Seller <ann@x.example>:"),
                arguments("Gmail, Danish", "Den tir. 24. nov. 2026 kl. 18.05 skrev Ann Seller <ann@x.example>:"),
                arguments("Gmail, Finnish", "ti 24.11.2026 klo 18.05 Ann Seller (ann@x.example) kirjoitti:"),
                arguments("Gmail, Czech", "út 24. 11. 2026 v 18:05 odesílatel Ann <ann@x.example> napsal:"),
                arguments("Gmail, Slovak", "Dňa ut 24. 11. 2026 o 18:05 Ann <ann@x.example> napísal:"),
                arguments("Gmail, Hungarian", "Ann <ann@x.example> ezt írta (időpont: 2026. nov. 24., K, 18:05):"),
                arguments("Gmail, Turkish", "Ann <ann@x.example>, 24 Kas 2026 Sal, 18:05 tarihinde şunu yazdı:"),
                arguments("Gmail, Romanian", "În mar., 24 nov. 2026 la 18:05, Ann <ann@x.example> a scris:"),
                arguments("Gmail, Greek", "Στις Τρί 24 Νοε 2026 στις 6:05 μ.μ., ο/η Ann <ann@x.example> έγραψε:"),
                arguments("Gmail, Vietnamese", "Vào 18:05 24 tháng 11, 2026, Ann <ann@x.example> đã viết:"),
                arguments("Gmail, Japanese", "2026年11月24日(火) 18:05 Ann Seller <ann@x.example>:"),
                arguments("Gmail, Chinese", "Ann Seller <ann@x.example> 于2026年11月24日周二 18:05写道："),
                arguments("Gmail, Korean", "2026년 11월 24일 (화) 오후 6:05, Ann <ann@x.example>님이 작성:"),
                arguments("Gmail, dated by ISO", "2014-10-17 11:28 GMT+03:00 Ann Seller <ann@x.example>:"),
                arguments("Gmail, dated by ISO, no address", "2016-03-03 17:21 GMT+01:00 Ann Seller"),
                arguments("Gmail, date with slashes", "2011/4/7 Ann Seller <ann@x.example>"),
                arguments("Apple Mail", "On 24 Nov 2026, at 18:05, Ann Seller <ann@x.example> wrote:"),
                arguments(
                        "Apple Mail, Dutch",
                        "Op 24 nov. 2026 om 18:05 heeft Ann <ann@x.example> het volgende geschreven:"),
                arguments("Apple Mail, Chinese", "在 2026年11月24日，18:05，Ann <ann@x.example> 写道："),
                arguments("Apple Mail, Japanese", "2026/11/24 18:05、Ann <ann@x.example>のメッセージ:"),
                arguments("Thunderbird", "On 24/11/2026 18:05, Ann Seller wrote:"),
                arguments("Thunderbird, German", "Am 24.11.26 um 18:05 schrieb Ann Seller:"),
                arguments("Thunderbird, French", "Le 24/11/2026 à 18:05, Ann Seller a écrit :"),
                arguments("Thunderbird, Polish", "W dniu 24.11.2026 o 18:05, Ann Seller pisze:"),
                arguments("Outlook for iOS", "On Tue, Nov 24, 2026 at 6:05 PM +0100, \"Ann\" <ann@x.example> wrote:"),
                arguments("Yahoo", "On Tuesday, November 24, 2026 at 06:05:00 PM GMT+1, Ann <ann@x.example> wrote:"),
                arguments("Yandex", "24.11.2026, 18:05, \"Ann Seller\" <ann@x.example>:"),
                arguments("Mail.ru", "Вторник, 24 ноября 2026, 18:05 +01:00 от Ann Seller <ann@x.example>:"),
                arguments("Mail.ru, with a verb", "24.11.2026 18:05 пользователь Ann <ann@x.example> написал:"),
                arguments("Russian webmail", "понедельник, 6 октября 2014 г. пользователь ann написал:"),
                arguments("K-9 Mail", "Am 24. November 2026 18:05:00 MEZ schrieb Ann Seller <ann@x.example>:"),
                arguments("Android", "---- Ann Seller wrote ----"),
                arguments("Zoho", "---- On Tue, 24 Nov 2026 18:05:00 +0100 Ann <ann@x.example> wrote ----"),
                arguments("dashes around", "------On 12/29/1987 17:32 PM, Ann Seller wrote-----"),
                arguments("sent instead of wrote", "On 11-Apr-2011, at 6:54 PM, Ann Seller <ann@x.example> sent:"),
                arguments("Eudora", "At 6/16/2016 08:32 PM, you wrote:"),
                arguments("a name and an address", "Ann Seller <ann@x.example> wrote:"),
                arguments(
                        "German, name first", "Ann Seller <ann@x.example> schrieb am Di., 24. Nov. 2026 um 18:05 Uhr:"),
                arguments("a list's relay", "ann via Discourse Meta wrote:"),
                arguments("Horde", "Quoting Ann Seller <ann@x.example>:"),
                arguments("Polish webmail", "Dnia 24 listopada 2026 18:05 Ann Seller <ann@x.example> napisał(a):"),
                arguments("Norwegian webmail", "På 24 november 2026 på 18:05:00, Ann (ann@x.example) skrev:"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attributions")
    void readsEachClientsAttribution(String client, String line) {
        assertThat(Attributions.isOne(ReplyLines.normalized(line))).as(client).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attributions")
    void findsEachAttributionFromItsLastLine(String client, String line) {
        List<String> lines = List.of("Fine.", "", ReplyLines.normalized(line));

        assertThat(Attributions.startOfOneEndingAt(lines, new boolean[3], 2))
                .as(client)
                .isEqualTo(2);
    }

    static Stream<String> verbs() {
        return Stream.concat(Attributions.VERBS.stream(), Attributions.JOINED_VERBS.stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verbs")
    void readsEachVerbAfterAnOpenerAndAfterAnAddress(String verb) {
        String spaced = Attributions.JOINED_VERBS.contains(verb) ? verb : " " + verb;

        assertThat(Attributions.isOne("On 24.11.2026 18:05, Ann <ann@x.example>" + spaced + ":"))
                .isTrue();
        assertThat(Attributions.isOne("Ann <ann@x.example>" + spaced + ":")).isTrue();
    }

    static Stream<String> openers() {
        return Attributions.OPENERS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("openers")
    void readsEachOpenerBeforeADateAndAVerb(String opener) {
        assertThat(Attributions.isOne(opener + " 24.11.2026 18:05, Ann wrote:")).isTrue();
    }

    static Stream<String> quotingWords() {
        return Attributions.QUOTING.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quotingWords")
    void readsEachWebmailsQuotingWordBeforeAnAddress(String word) {
        assertThat(Attributions.isOne(word + " Ann Seller <ann@x.example>:")).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("proseLines")
    void leavesProseAlone(String line) {
        assertThat(Attributions.isOne(line)).isFalse();
    }

    static Stream<String> proseLines() {
        return Stream.of(
                "On Friday we deliver.",
                "On blah-blah-blah",
                "Here is what the driver wrote yesterday",
                "Please write to ann@x.example if the date changes.",
                "Le camion arrive à 10 h.",
                "Il est d'accord:",
                "The invoice (2026) is attached:",
                "Meeting at 10:30 with Ann <ann@x.example> tomorrow");
    }

    @Test
    void findsAnAttributionFoldedOverLinesFromItsOpening() {
        List<String> lines = List.of(
                "Test reply",
                "",
                "On Tue, Apr 11, 2017 at 10:07 PM John Smith",
                "",
                "<",
                "mailto:John Smith <johnsmith@gmail.example>",
                "> wrote:");
        boolean[] quoted = {false, false, false, false, false, false, true};

        assertThat(Attributions.startOfOneEndingAt(lines, quoted, 6)).isEqualTo(2);
    }

    @Test
    void findsAnAttributionFoldedAfterItsDateOrAnOpenAddress() {
        List<String> lines =
                List.of("Hello", "02.04.2012 14:20 пользователь \"bob@x.example\" <", "bob@x.example> написал:");

        assertThat(Attributions.startOfOneEndingAt(lines, new boolean[3], 2)).isEqualTo(1);
    }

    @Test
    void neverTakesInTheLineOfTheReplyAboveIt() {
        List<String> lines = List.of("Mail me at bob@x.example", "On Tue, Nov 24, 2026, Ann <ann@x.example>", "wrote:");

        assertThat(Attributions.startOfOneEndingAt(lines, new boolean[3], 2)).isEqualTo(1);
    }

    @Test
    void isNotFoldedAfterASentence() {
        List<String> lines = List.of("Thanks for the delivery tomorrow.", "Ann <ann@x.example>", "wrote:");

        assertThat(Attributions.startOfOneEndingAt(lines, new boolean[3], 2)).isEqualTo(1);
    }
}
