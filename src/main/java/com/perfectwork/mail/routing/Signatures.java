package com.perfectwork.mail.routing;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Locale;

/**
 * What a client or a writer appends below the new text: the signature delimiter ("-- ", RFC 3676 section 4.3, and
 * the "--" or "__" many write instead), after which only the signature and the quoted history follow, and the line
 * a phone or an app adds ("Sent from my iPhone", "Von meinem iPhone gesendet", "Get Outlook for iOS"), which is left
 * out on its own.
 */
final class Signatures {

    /**
     * A line a phone or an app adds: a word it always holds (lower-cased, found by plain search) and its shape
     * (matched only when the word is there), the app's name at most a few words, and its link.
     */
    record AppLine(String cue, Pattern shape) {

        static AppLine of(String cue, String shape) {
            return new AppLine(cue, Pattern.compile("^\\(?(?:" + shape + ")\\)?$", Pattern.CASE_INSENSITIVE));
        }

        /** @param lower the line, lower-cased */
        boolean matches(String line, String lower) {
            return lower.contains(cue) && shape.matcher(line).matches();
        }
    }

    /** The lines phones and mail apps add, by language. */
    static final List<AppLine> APP_LINES = List.of(
            // English
            AppLine.of("sent ", "sent (?:from|with|via|using) .+"),
            AppLine.of("<<sent ", "<<sent (?:from|by|with|via) .+>>"),
            AppLine.of("get outlook for ", "get outlook for .+"),
            AppLine.of(" from mobile", "[^ ]+ from mobile"),
            AppLine.of(
                    "from my ",
                    "from my (?:iphone|ipad|android|phone|mobile|samsung|galaxy|blackberry|pixel)[^,.;!?]{0,12}"),
            // French
            AppLine.of("envoyé ", "envoyé (?:de|depuis|à partir de|avec) .+"),
            AppLine.of("outlook pour ", "(?:télécharger|obtenir) outlook pour .+"),
            // German
            AppLine.of("von meinem ", "von meinem .+ gesendet"),
            AppLine.of("gesendet ", "gesendet (?:von|mit) .+"),
            AppLine.of("diese nachricht wurde von ", "diese nachricht wurde von .+ gesendet\\.?"),
            AppLine.of("outlook für ", "outlook für .+ herunterladen"),
            // Spanish, Portuguese
            AppLine.of("enviado ", "enviado (?:desde|con|do|a partir do|a partir de) .+"),
            AppLine.of("outlook para ", "(?:obtener|obter o) outlook para .+"),
            // Italian
            AppLine.of("inviato ", "inviato (?:da|dal) .+"),
            AppLine.of("scarica outlook per ", "scarica outlook per .+"),
            // Dutch
            AppLine.of("verzonden ", "verzonden (?:vanaf|met|vanuit|van) .+"),
            AppLine.of("verstuurd ", "verstuurd (?:vanaf|met|vanuit) .+"),
            AppLine.of("outlook voor ", "outlook voor .+ downloaden"),
            // Danish, Norwegian, Swedish
            AppLine.of("sendt fra ", "sendt fra .+"),
            AppLine.of("skickat från ", "skickat från .+"),
            AppLine.of("hämta outlook för ", "hämta outlook för .+"),
            // Finnish
            AppLine.of("lähetetty ", "lähetetty .+(?:sta|stä)"),
            // Polish, Czech
            AppLine.of("wysła", "wysła(?:ne|no) z .+"),
            AppLine.of("odesláno z ", "odesláno z .+"),
            // Russian, Ukrainian
            AppLine.of("отправлено ", "отправлено (?:с|из|со) .+"),
            AppLine.of("надіслано з ", "надіслано з .+"),
            // Chinese, Japanese
            AppLine.of("从我的", "从我的 ?.+发送"),
            AppLine.of("從我的", "從我的 ?.+傳送"),
            AppLine.of("から送信", ".+から送信"));

    /** The longest line an app adds: its name and a link. */
    private static final int APP_LINE_LENGTH = 100;

    private Signatures() {}

    /** Whether a line is a signature delimiter: what follows it is no longer the new text. */
    static boolean isDelimiter(String line) {
        return line.length() >= 2 && (line.length() <= 4 && only(line, '-') || only(line, '_'));
    }

    private static boolean only(String line, char c) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) != c) {
                return false;
            }
        }
        return true;
    }

    /** Whether a line is the one a phone or a mail app adds below what was written. */
    static boolean isAppLine(String line) {
        if (line.length() > APP_LINE_LENGTH) {
            return false;
        }
        String read = withoutLink(line);
        String lower = read.toLowerCase(Locale.ROOT);
        return APP_LINES.stream().anyMatch(app -> app.matches(read, lower));
    }

    /** The line without the link an app writes glued to its name ("Get Outlook for iOS&lt;https://aka.ms/…&gt;"). */
    static String withoutLink(String line) {
        int link = Math.max(line.lastIndexOf("<http"), line.lastIndexOf("(http"));
        return link > 0 ? line.substring(0, link).strip() : line;
    }
}
