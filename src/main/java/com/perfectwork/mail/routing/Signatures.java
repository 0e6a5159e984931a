package com.perfectwork.mail.routing;

import com.google.re2j.Pattern;

/**
 * What a client or a writer appends below the new text: the signature delimiter ("-- ", RFC 3676 section 4.3, and
 * the "--" or "__" many write instead), after which only the signature and the quoted history follow, and the line
 * a phone or an app adds ("Sent from my iPhone", "Von meinem iPhone gesendet", "Get Outlook for iOS"), which is left
 * out on its own.
 */
final class Signatures {

    private static final Pattern DELIMITER = Pattern.compile("^(?:-{2,4}|_{2,})$");

    /** The lines phones and mail apps add, by language; the app's name is at most a few words (and its link). */
    private static final String APP_LINES = String.join(
            "|",
            "sent (?:from|with|via|using) .+|get outlook for .+", // English
            "envoyé (?:de|depuis|à partir de|avec) .+|télécharger outlook pour .+|obtenir outlook pour .+", // French
            "von meinem .+ gesendet|gesendet (?:von|mit) .+|diese nachricht wurde von .+ gesendet\\.?"
                    + "|outlook für .+ herunterladen", // German
            "enviado (?:desde|con|do|a partir do|a partir de) .+|obtener outlook para .+|obter o outlook para .+",
            "inviato (?:da|dal) .+|scarica outlook per .+", // Italian
            "verzonden (?:vanaf|met|vanuit|van) .+|verstuurd (?:vanaf|met|vanuit) .+|outlook voor .+ downloaden",
            "sendt fra .+|skickat från .+|hämta outlook för .+", // Danish, Norwegian, Swedish
            "lähetetty .+(?:sta|stä)", // Finnish
            "wysłane z .+|wysłano z .+", // Polish
            "odesláno z .+", // Czech
            "отправлено (?:с|из|со) .+|надіслано з .+", // Russian, Ukrainian
            "从我的 ?.+发送|從我的 ?.+傳送|.+から送信"); // Chinese, Japanese

    private static final Pattern APP_LINE =
            Pattern.compile("^\\(?(?:" + APP_LINES + ")\\)?$", Pattern.CASE_INSENSITIVE);

    /** The longest line an app adds: its name and a link. */
    private static final int APP_LINE_LENGTH = 100;

    private Signatures() {}

    /** Whether a line is a signature delimiter: what follows it is no longer the new text. */
    static boolean isDelimiter(String line) {
        return DELIMITER.matcher(line).matches();
    }

    /** Whether a line is the one a phone or a mail app adds below what was written. */
    static boolean isAppLine(String line) {
        return line.length() <= APP_LINE_LENGTH
                && APP_LINE.matcher(withoutLink(line)).matches();
    }

    /** The line without the link an app writes glued to its name ("Get Outlook for iOS&lt;https://aka.ms/…&gt;"). */
    private static String withoutLink(String line) {
        int link = Math.max(line.lastIndexOf("<http"), line.lastIndexOf("(http"));
        return link > 0 ? line.substring(0, link).strip() : line;
    }
}
