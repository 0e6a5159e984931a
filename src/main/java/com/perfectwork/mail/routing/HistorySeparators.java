package com.perfectwork.mail.routing;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The line a client writes above a quoted or forwarded mail instead of an attribution: Outlook's
 * "-----Original Message-----", Gmail's "---------- Forwarded message ---------", Apple Mail's "Begin forwarded
 * message:", in the languages they write them in, with or without their dashes and stars. Looked up by its words: no
 * pattern runs over the line.
 */
final class HistorySeparators {

    /** The separators' words, by language, lower-cased; the line holds nothing else but dashes, stars, a colon. */
    static final List<String> WORDS = words(
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

    private static final Set<String> SEPARATORS = Set.copyOf(WORDS);

    /** What a client writes around a separator's words for show. */
    private static final String DECORATION = "-*_= :";

    /** The longest separator line read: dashes and words. */
    private static final int LONGEST = 120;

    private HistorySeparators() {}

    /** @param line a line as {@link ReplyLines#normalized} reads it */
    static boolean isOne(String line) {
        if (line.length() > LONGEST) {
            return false;
        }
        int start = 0;
        int end = line.length();
        while (start < end && DECORATION.indexOf(line.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && DECORATION.indexOf(line.charAt(end - 1)) >= 0) {
            end--;
        }
        return SEPARATORS.contains(
                line.substring(start, end).toLowerCase(Locale.ROOT).replaceAll(" +", " "));
    }

    private static List<String> words(String... byLanguage) {
        return Arrays.stream(String.join("|", byLanguage).split("\\|")).collect(Collectors.toUnmodifiableList());
    }
}
