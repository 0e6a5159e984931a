package com.perfectwork.mail.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The signature delimiter and the lines phones and mail apps add, in their languages; and prose that is neither. */
class SignaturesTest {

    @ParameterizedTest
    @ValueSource(strings = {"--", "---", "----", "__", "_______________________"})
    void readsEachDelimiter(String line) {
        assertThat(Signatures.isDelimiter(line)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-", "-Abhishek", "—", "—Ryan", "-- Ann", "------------------------------ Notes"})
    void leavesOtherDashesAlone(String line) {
        assertThat(Signatures.isDelimiter(line)).isFalse();
    }

    static Stream<String> appLines() {
        return Stream.of(
                "Sent from my Verizon Wireless BlackBerry",
                "Sent from TypeApp<http://www.typeapp.com/r?b=2621>",
                "Sent from Yahoo Mail on Android",
                "Sent with Sparrow (http://www.sparrowmailapp.com/?sig)",
                "Sent via the Samsung Galaxy S24, an AT&T 5G smartphone",
                "Sent using Zoho Mail",
                "(Sent from a phone)",
                "<<sent by galaxy>>",
                "From my Iphone 6",
                "Nik from mobile",
                "Get Outlook for iOS<https://aka.ms/o0ukef>",
                "Get Outlook for Android",
                "Envoyé de mon iPhone",
                "Envoyé depuis mon appareil Galaxy",
                "Envoyé à partir de Outlook pour Android",
                "Télécharger Outlook pour iOS",
                "Von meinem iPhone gesendet",
                "Gesendet von Mail für Windows",
                "Gesendet mit der WEB.DE Mail App",
                "Diese Nachricht wurde von meinem Android-Mobiltelefon mit K-9 Mail gesendet.",
                "Outlook für Android herunterladen",
                "Enviado desde mi iPhone",
                "Enviado do meu iPhone",
                "Obtener Outlook para Android",
                "Inviato da iPhone",
                "Inviato dal mio dispositivo Galaxy",
                "Scarica Outlook per iOS",
                "Verzonden vanaf mijn iPhone",
                "Verstuurd vanaf mijn iPad",
                "Verzonden met BlueMail",
                "Outlook voor iOS downloaden<https://aka.ms/o0ukef>",
                "Sendt fra min iPhone",
                "Skickat från min iPhone",
                "Hämta Outlook för iOS",
                "Lähetetty iPhonesta",
                "Lähetetty Outlook for Androidista",
                "Wysłane z mojego iPhone'a",
                "Odesláno z iPhonu",
                "Отправлено с iPhone",
                "Отправлено из мобильной Почты Mail.ru",
                "Надіслано з iPhone",
                "从我的iPhone发送",
                "從我的 iPhone 傳送",
                "iPhoneから送信");
    }

    @ParameterizedTest
    @MethodSource("appLines")
    void readsEachAppsLine(String line) {
        assertThat(Signatures.isAppLine(line)).isTrue();
    }

    static Stream<Signatures.AppLine> shapes() {
        return Signatures.APP_LINES.stream();
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void eachShapeOfTheTableReadsALineAbove(Signatures.AppLine shape) {
        assertThat(appLines().map(Signatures::withoutLink))
                .anyMatch(line -> shape.matches(line, line.toLowerCase(Locale.ROOT)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "I sent from my iPhone app yesterday, did it arrive?",
                "The parcel was sent from our warehouse in Lyon to your office in Bordeaux on Tuesday afternoon, as agreed.",
                "Sent",
                "From my side, it is fine.",
                "Inviato"
            })
    void leavesProseAlone(String line) {
        assertThat(Signatures.isAppLine(line)).isFalse();
    }
}
