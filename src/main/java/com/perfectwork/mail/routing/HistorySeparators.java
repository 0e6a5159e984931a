package com.perfectwork.mail.routing;

import com.google.re2j.Pattern;

/**
 * The line a client writes above a quoted or forwarded mail instead of an attribution: Outlook's
 * "-----Original Message-----", Gmail's "---------- Forwarded message ---------", Apple Mail's "Begin forwarded
 * message:", in the languages they write them in, with or without their dashes and stars.
 */
final class HistorySeparators {

    /** The separators' words, by language; the line holds nothing else but dashes, stars and a colon. */
    static final String WORDS = String.join(
            "|",
            "original message|reply message|forwarded message|begin forwarded message", // English
            "ursprüngliche nachricht|antwort nachricht|originalnachricht|weitergeleitete nachricht"
                    + "|anfang der weitergeleiteten nachricht", // German
            "message d'origine|message d’origine|message original|message transféré|début du message transféré"
                    + "|début du message réexpédié", // French
            "mensaje original|mensaje reenviado|inicio del mensaje reenviado", // Spanish
            "messaggio originale|messaggio inoltrato|inizio messaggio inoltrato", // Italian
            "mensagem original|mensagem encaminhada|início da mensagem reencaminhada", // Portuguese
            "oorspronkelijk bericht|origineel bericht|doorgestuurd bericht|begin doorgestuurd bericht", // Dutch
            "oprindelig meddelelse|oprindelig besked|videresendt meddelelse|videresendt besked", // Danish
            "opprinnelig melding|videresendt melding", // Norwegian
            "ursprungligt meddelande|originalmeddelande|vidarebefordrat meddelande", // Swedish
            "alkuperäinen viesti|välitetty viesti", // Finnish
            "wiadomość oryginalna|oryginalna wiadomość|wiadomość przekazana", // Polish
            "původní zpráva|přeposlaná zpráva", // Czech
            "исходное сообщение|оригинальное сообщение|пересылаемое сообщение|переслане повідомлення", // Russian
            "原始邮件|原始郵件|转发的邮件|元のメッセージ|転送されたメッセージ|원본 메시지|전달된 메시지"); // CJK

    private static final Pattern SEPARATOR =
            Pattern.compile("^[-*_= ]*(?:" + WORDS + ")[-*_= ]*:?[-*_= ]*$", Pattern.CASE_INSENSITIVE);

    private HistorySeparators() {}

    /** @param line a line as {@link ReplyLines#normalized} reads it */
    static boolean isOne(String line) {
        return line.length() <= 120 && SEPARATOR.matcher(line).matches();
    }
}
