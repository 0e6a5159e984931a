package com.perfectwork.mail.routing;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The new part of a reply, as plain text: the lines before the quoted history ("On … wrote:", an Outlook
 * header block, "-----Original Message-----", lines quoted with "&gt;") and before the signature ("-- ").
 */
public final class ReplyText {

    private static final List<Pattern> HISTORY = List.of(
            Pattern.compile("^\\s*On\\b.{0,300}\\bwrote:\\s*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^\\s*Le\\b.{0,300}\\ba écrit\\s*:\\s*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^\\s*Am\\b.{0,300}\\bschrieb\\b.{0,200}:\\s*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^\\s*-{2,}\\s*Original Message\\s*-{2,}\\s*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^\\s*_{10,}\\s*$"),
            Pattern.compile("^\\s*(From|De|Von)\\s*:\\s.+$"),
            Pattern.compile("^\\s*>.*$"));

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
                    || (!line.isBlank() && starts(joined) && startsWithOn(line))) {
                break;
            }
            kept.append(line).append('\n');
        }
        return kept.toString().strip();
    }

    private static boolean starts(String line) {
        return HISTORY.stream().anyMatch(pattern -> pattern.matcher(line).matches());
    }

    private static boolean startsWithOn(String line) {
        String trimmed = line.strip();
        return trimmed.startsWith("On ") || trimmed.startsWith("Le ") || trimmed.startsWith("Am ");
    }
}
