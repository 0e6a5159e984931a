package com.perfectwork.mail.routing;

import com.google.re2j.Pattern;
import java.util.List;

/**
 * The closing a writer puts below what they write ("Regards, Ann", "Mit freundlichen Grüßen"), in the common
 * languages. Some clients leave a top-posted reply's closing below the quoted mail: there it is still the writer's.
 */
final class Closings {

    /** The most lines of a closing left below the quoted mail: the closing, a name, a title. */
    static final int MAX_LINES = 3;

    /** The closings' words, by language, lower-cased; a name may follow them on their line. */
    static final List<String> WORDS = words(
            "regards|best regards|kind regards|warm regards|best|best wishes|cheers|thanks|thank you|many thanks"
                    + "|thx|sincerely|yours|yours truly", // English
            "cordialement|bien à vous|bien cordialement|amitiés|merci|bonne journée", // French
            "mit freundlichen grüßen|freundliche grüße|viele grüße|liebe grüße|beste grüße|grüße|gruß|danke", // German
            "saludos|un saludo|atentamente|gracias", // Spanish
            "cordiali saluti|distinti saluti|saluti|grazie", // Italian
            "atenciosamente|abraços|obrigado|obrigada", // Portuguese
            "met vriendelijke groet|vriendelijke groet|groeten|groetjes|bedankt", // Dutch
            "pozdrawiam|z poważaniem|dziękuję", // Polish
            "med venlig hilsen|med vennlig hilsen|vennlig hilsen|med vänliga hälsningar|hälsningar|hilsen|mvh|tack",
            // Danish, Norwegian, Swedish
            "ystävällisin terveisin|terveisin|kiitos", // Finnish
            "с уважением|спасибо|всего доброго|з повагою|дякую"); // Russian, Ukrainian

    private static final Pattern CLOSING =
            Pattern.compile("^(?:" + String.join("|", WORDS) + ")(?:[ ,.!].{0,60})?$", Pattern.CASE_INSENSITIVE);

    private Closings() {}

    private static List<String> words(String... byLanguage) {
        return List.of(String.join("|", byLanguage).split("\\|"));
    }

    /** @param line a line as {@link ReplyLines#normalized} reads it */
    static boolean isOne(String line) {
        return line.length() <= 80 && CLOSING.matcher(line).matches();
    }
}
