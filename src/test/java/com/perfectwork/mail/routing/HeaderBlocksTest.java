package com.perfectwork.mail.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.perfectwork.mail.routing.HeaderBlocks.Field;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The header blocks Outlook and the webmails write above the mail they quote, in each language's field names. */
class HeaderBlocksTest {

    static Stream<Arguments> blocks() {
        return Stream.of(
                arguments(
                        "Outlook, English",
                        "From: Ann <ann@x.example>\nSent: Tuesday, November 24, 2026 6:05 PM\nTo: Bob\nSubject: Chairs"),
                arguments(
                        "Outlook, French",
                        "De : Ann <ann@x.example>\nEnvoyé : mardi 24 novembre 2026 18:05\nÀ : Bob\nObjet : Chaises"),
                arguments(
                        "Outlook.com, French",
                        "De : Ann<mailto:ann@x.example>\nEnvoyé le :mardi 24 novembre 2026 18:05\nÀ : bob@y.example"),
                arguments(
                        "Outlook, German",
                        "Von: Ann <ann@x.example>\nGesendet: Dienstag, 24. November 2026 18:05\nAn: Bob\nBetreff: Stühle"),
                arguments(
                        "Outlook, Spanish",
                        "De: Ann <ann@x.example>\nEnviado el: martes, 24 de noviembre de 2026 18:05\nPara: Bob\nAsunto: Sillas"),
                arguments(
                        "Outlook, Italian",
                        "Da: Ann <ann@x.example>\nInviato: martedì 24 novembre 2026 18:05\nA: Bob\nOggetto: Sedie"),
                arguments(
                        "Outlook, Portuguese",
                        "De: Ann <ann@x.example>\nEnviada em: terça-feira, 24 de novembro de 2026 18:05\nPara: Bob\nAssunto: Cadeiras"),
                arguments(
                        "Outlook, Dutch",
                        "Van: Ann <ann@x.example>\nVerzonden: dinsdag 24 november 2026 18:05\nAan: Bob\nOnderwerp: Stoelen"),
                arguments(
                        "Outlook, Polish",
                        "Od: Ann <ann@x.example>\nWysłano: wtorek, 24 listopada 2026 18:05\nDo: Bob\nTemat: Krzesła"),
                arguments(
                        "Outlook, Danish",
                        "Fra: Ann <ann@x.example>\nSendt: 24. november 2026 18:05\nTil: Bob\nEmne: Stole"),
                arguments(
                        "Outlook, Swedish",
                        "Från: Ann <ann@x.example>\nSkickat: den 24 november 2026 18:05\nTill: Bob\nÄmne: Stolar"),
                arguments(
                        "Outlook, Finnish",
                        "Lähettäjä: Ann <ann@x.example>\nLähetetty: tiistai 24. marraskuuta 2026 18.05\nVastaanottaja: Bob\nAihe: Tuolit"),
                arguments(
                        "Outlook, Russian",
                        "От: Ann <ann@x.example>\nОтправлено: 24 ноября 2026 г. 18:05\nКому: Bob\nТема: Стулья"),
                arguments(
                        "Outlook, Ukrainian",
                        "Від: Ann <ann@x.example>\nНадіслано: 24 листопада 2026 р. 18:05\nКому: Bob\nТема: Стільці"),
                arguments(
                        "Outlook, Czech",
                        "Od: Ann <ann@x.example>\nOdesláno: úterý 24. listopadu 2026 18:05\nKomu: Bob\nPředmět: Židle"),
                arguments(
                        "Outlook, Hungarian",
                        "Feladó: Ann <ann@x.example>\nElküldve: 2026. november 24. 18:05\nCímzett: Bob\nTárgy: Székek"),
                arguments(
                        "Outlook, Turkish",
                        "Kimden: Ann <ann@x.example>\nGönderildi: 24 Kasım 2026 Salı 18:05\nKime: Bob\nKonu: Sandalyeler"),
                arguments(
                        "Outlook, Romanian",
                        "De la: Ann <ann@x.example>\nTrimis: marți, 24 noiembrie 2026 18:05\nCătre: Bob\nSubiect: Scaune"),
                arguments(
                        "Outlook, Greek",
                        "Από: Ann <ann@x.example>\nΣτάλθηκε: Τρίτη, 24 Νοεμβρίου 2026 6:05 μμ\nΠρος: Bob\nΘέμα: Καρέκλες"),
                arguments("Outlook, Japanese", "差出人: Ann <ann@x.example>\n送信日時: 2026年11月24日 18:05\n宛先: Bob\n件名: 椅子"),
                arguments("Outlook, Chinese", "发件人: Ann <ann@x.example>\n发送时间: 2026年11月24日 18:05\n收件人: Bob\n主题: 椅子"),
                arguments(
                        "Outlook, Korean",
                        "보낸 사람: Ann <ann@x.example>\n보낸 날짜: 2026년 11월 24일 화요일 오후 6:05\n받는 사람: Bob\n제목: 의자"),
                arguments(
                        "Outlook as text, bold",
                        "*From:* Ann [mailto:\nann@x.example]\n*Sent:* Tuesday, November 24, 2026 6:05 PM\n*To:* Bob\n*Subject:* Chairs"),
                arguments(
                        "Hotmail, date first",
                        "Date: Tue, 24 Nov 2026 18:05:00 +0100\nSubject: Chairs\nFrom: ann@x.example\nTo: bob@y.example"),
                arguments(
                        "Gmail forward, subject folded",
                        "From: Ann <ann@x.example>\nDate: Tue, Nov 24, 2026 at 6:05 PM\nSubject: Chairs for the\nmeeting room\nTo: bob@y.example"),
                arguments(
                        "Outlook for Mac",
                        "From: Ann <ann@x.example>\nDate: Tuesday, 24 November 2026 at 18:05\nTo: Bob\nSubject: Chairs"),
                arguments("a sender naming an address", "From: Ann Seller <ann@x.example>"),
                arguments("a sender naming an address, Outlook's way", "Von: Ann Seller [mailto:ann@x.example]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocks")
    void readsEachClientsHeaderBlockToItsLastField(String client, String block) {
        List<String> lines = block.lines().map(ReplyLines::normalized).toList();

        assertThat(endOfOneAt(lines, 0)).as(client).contains(lines.size() - 1);
    }

    static Stream<Arguments> names() {
        return Arrays.stream(Field.values())
                .flatMap(field -> field.names().stream().map(name -> arguments(field, name)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("names")
    void readsEachFieldNameInABlock(Field field, String name) {
        List<String> block = field == Field.FROM || field == Field.DATE
                ? List.of(name + ": Tuesday, Ann", "Subject: Chairs")
                : List.of("From: Ann", name + ": Bob, chairs");

        assertThat(endOfOneAt(block, 0)).contains(1);
    }

    @Test
    void aBlockOpensWithASenderOrADate() {
        assertThat(endOfOneAt(List.of("To: the warehouse", "Subject: chairs"), 0))
                .isEmpty();
    }

    @Test
    void aLoneSenderWithoutAnAddressIsProse() {
        assertThat(endOfOneAt(List.of("From: the warehouse team, with thanks"), 0))
                .isEmpty();
    }

    @Test
    void aBlockEndsAtItsFirstEmptyLine() {
        List<String> lines = List.of("From: Ann", "Sent: Tuesday", "", "To: Bob", "Subject: Chairs");

        assertThat(endOfOneAt(lines, 0)).contains(1);
    }

    @Test
    void readsTheRulesDrawnAboveABlock() {
        assertThat(HeaderBlocks.isRule("________________________________")).isTrue();
        assertThat(HeaderBlocks.isRule("------------------------------")).isTrue();
        assertThat(HeaderBlocks.isRule("*-----*")).isTrue();
        assertThat(HeaderBlocks.isRule("---")).isFalse();
    }

    private static Optional<Integer> endOfOneAt(List<String> lines, int start) {
        return HeaderBlocks.endOfOneAt(lines, HeaderBlocks.fieldsOf(lines), start);
    }
}
