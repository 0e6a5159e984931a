package com.perfectwork.mail.routing;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The new part of a reply, as plain text: the lines before the quoted history ("On … wrote:" and its
 * translations, an Outlook header block, "-----Original Message-----", a forwarded message, lines quoted with
 * "&gt;") and before the signature ("-- ", or a phone's "Sent from my iPhone").
 *
 * <p>Linear whatever the text: it is read line by line, up to {@link #LIMIT} characters (the new part of a reply is
 * at its top; a longer one is cut there, the whole body stays in the message), and each pattern is anchored at both
 * ends of a line stripped of its surrounding white space, with bounded gaps, so that none can backtrack over more
 * than its line.
 */
public final class ReplyText {

    /** How much of a text is searched for the start of its quoted history. */
    static final int LIMIT = 64 * 1024;

    private static final List<Pattern> HISTORY = List.of(
            Pattern.compile("On\\b.{0,300}\\bwrote:", Pattern.CASE_INSENSITIVE),
            Pattern.compile("Le\\b.{0,300}\\ba écrit\\s*:", Pattern.CASE_INSENSITIVE),
            Pattern.compile("Am\\b.{0,300}\\bschrieb\\b.{0,200}:", Pattern.CASE_INSENSITIVE),
            Pattern.compile("El\\b.{0,300}\\bescribió\\s*:", Pattern.CASE_INSENSITIVE),
            Pattern.compile("Il\\b.{0,300}\\bha scritto\\s*:", Pattern.CASE_INSENSITIVE),
            Pattern.compile("Op\\b.{0,300}\\bschreef\\b.{0,200}:", Pattern.CASE_INSENSITIVE),
            Pattern.compile("Em\\b.{0,300}\\bescreveu\\s*:", Pattern.CASE_INSENSITIVE),
            Pattern.compile(
                    "-{2,}\\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original)\\s*-{2,}",
                    Pattern.CASE_INSENSITIVE),
            // Gmail "---------- Forwarded message ---------", Thunderbird "-------- Forwarded Message --------"
            Pattern.compile(
                    "-{2,}\\s*(Forwarded message|Weitergeleitete Nachricht|Message transféré|Mensaje reenviado)"
                            + "\\s*-{2,}",
                    Pattern.CASE_INSENSITIVE),
            Pattern.compile("Begin forwarded message:", Pattern.CASE_INSENSITIVE),
            Pattern.compile("_{10,}"),
            Pattern.compile("(From|De|Von)\\s*:\\s.+"),
            Pattern.compile(">.*"),
            // a phone's signature line ends what was written: only the quoted mail follows it
            Pattern.compile(
                    "Sent from my \\S.{0,40}|Get Outlook for (iOS|Android)|Envoyé de mon \\S.{0,40}"
                            + "|Von meinem \\S.{0,40} gesendet|Enviado desde mi \\S.{0,40}",
                    Pattern.CASE_INSENSITIVE));

    /** Attribution openers a client may fold onto two lines ("On … Ann &lt;a@x&gt;" / "wrote:"). */
    private static final Pattern FOLDED_OPENER = Pattern.compile("(On|Le|Am|El|Il|Op|Em) .*");

    private ReplyText() {}

    public static String strip(String text) {
        if (text == null) {
            return null;
        }
        String[] lines = examined(text).replace("\r\n", "\n").split("\n", -1);
        StringBuilder kept = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.equals("-- ") || line.equals("--") || starts(line) || startsFolded(line, lines, i)) {
                break;
            }
            kept.append(line).append('\n');
        }
        return kept.toString().strip();
    }

    /** The text up to {@link #LIMIT}, cut after a whole line when it is longer. */
    private static String examined(String text) {
        if (text.length() <= LIMIT) {
            return text;
        }
        int lastLine = text.lastIndexOf('\n', LIMIT - 1);
        return text.substring(0, lastLine > 0 ? lastLine : LIMIT);
    }

    /** "On Tue, 24 Nov 2026 at 10:00, Ann &lt;ann@x&gt;" / "wrote:": an attribution folded over two lines. */
    private static boolean startsFolded(String line, String[] lines, int i) {
        return i + 1 < lines.length
                && FOLDED_OPENER.matcher(spaced(line)).matches()
                && starts(line + " " + lines[i + 1]);
    }

    private static boolean starts(String line) {
        String spaced = spaced(line);
        return HISTORY.stream().anyMatch(pattern -> pattern.matcher(spaced).matches());
    }

    /**
     * The line without its surrounding white space, no-break spaces read as spaces: French typography puts one
     * before the colon ("De\u00a0:"), Gmail a narrow one in "6:05 PM".
     */
    private static String spaced(String line) {
        return line.replace('\u00A0', ' ').replace('\u202F', ' ').strip();
    }
}
