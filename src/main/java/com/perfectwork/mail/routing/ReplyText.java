package com.perfectwork.mail.routing;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The new part of a reply, as plain text: the lines before the quoted history ("On … wrote:" and its
 * translations, an Outlook header block, "-----Original Message-----", a forwarded message, lines quoted with
 * "&gt;") and before the signature ("-- ", or a phone's "Sent from my iPhone").
 */
public final class ReplyText {

    private static final List<Pattern> HISTORY = List.of(
            Pattern.compile("^\\s*On\\b.{0,300}\\bwrote:\\s*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^\\s*Le\\b.{0,300}\\ba écrit\\s*:\\s*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^\\s*Am\\b.{0,300}\\bschrieb\\b.{0,200}:\\s*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^\\s*El\\b.{0,300}\\bescribió\\s*:\\s*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^\\s*Il\\b.{0,300}\\bha scritto\\s*:\\s*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^\\s*Op\\b.{0,300}\\bschreef\\b.{0,200}:\\s*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^\\s*Em\\b.{0,300}\\bescreveu\\s*:\\s*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile(
                    "^\\s*-{2,}\\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original)"
                            + "\\s*-{2,}\\s*$",
                    Pattern.CASE_INSENSITIVE),
            // Gmail "---------- Forwarded message ---------", Thunderbird "-------- Forwarded Message --------"
            Pattern.compile(
                    "^\\s*-{2,}\\s*(Forwarded message|Weitergeleitete Nachricht|Message transféré|Mensaje reenviado)"
                            + "\\s*-{2,}\\s*$",
                    Pattern.CASE_INSENSITIVE),
            Pattern.compile("^\\s*Begin forwarded message:\\s*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^\\s*_{10,}\\s*$"),
            Pattern.compile("^\\s*(From|De|Von)\\s*:\\s.+$"),
            Pattern.compile("^\\s*>.*$"),
            // a phone's signature line ends what was written: only the quoted mail follows it
            Pattern.compile(
                    "^\\s*(Sent from my \\S.{0,40}|Get Outlook for (iOS|Android)|Envoyé de mon \\S.{0,40}"
                            + "|Von meinem \\S.{0,40} gesendet|Enviado desde mi \\S.{0,40})\\s*$",
                    Pattern.CASE_INSENSITIVE));

    /** Attribution openers a client may fold onto two lines ("On … Ann &lt;a@x&gt;" / "wrote:"). */
    private static final Pattern FOLDED_OPENER = Pattern.compile("^\\s*(On|Le|Am|El|Il|Op|Em) .*");

    /** French typography puts a no-break space before the colon ("De\u00a0:"); Gmail a narrow one in "6:05 PM". */
    private static final Pattern NO_BREAK_SPACE = Pattern.compile("[\\u00A0\\u202F]");

    private ReplyText() {}

    public static String strip(String text) {
        if (text == null) {
            return null;
        }
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        StringBuilder kept = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            // "On Tue, 24 Nov 2026 at 10:00, Ann <ann@x>" / "wrote:" may be folded over two lines
            String joined = i + 1 < lines.length ? line + " " + lines[i + 1] : line;
            if (line.equals("-- ")
                    || line.equals("--")
                    || starts(line)
                    || (!line.isBlank()
                            && starts(joined)
                            && FOLDED_OPENER.matcher(line).matches())) {
                break;
            }
            kept.append(line).append('\n');
        }
        return kept.toString().strip();
    }

    private static boolean starts(String line) {
        String spaced = NO_BREAK_SPACE.matcher(line).replaceAll(" ");
        return HISTORY.stream().anyMatch(pattern -> pattern.matcher(spaced).matches());
    }
}
