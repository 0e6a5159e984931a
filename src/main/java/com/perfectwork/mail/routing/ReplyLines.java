package com.perfectwork.mail.routing;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A reply's lines, each marked with what it is: written text, a quoted line, the start of the quoted history (an
 * attribution, a header block, a separator), a signature delimiter, a phone's line, or nothing.
 *
 * <p>Each line is looked at a bounded number of times ({@link Attributions#MAX_LINES}, {@link
 * HeaderBlocks#MAX_LINES}) and every pattern is RE2/J's: linear in the text.
 */
final class ReplyLines {

    /** What a line of a reply is. */
    enum Mark {
        EMPTY,
        TEXT,
        /** A line of quoted text ("&gt; …", "Ann&gt; …"). */
        QUOTED,
        /** A line of what opens the quoted history: an attribution, a header block, a separator. */
        HISTORY,
        /** A signature delimiter ("-- "): the new text ends above it. */
        DELIMITER,
        /** A line a phone or a mail app adds ("Sent from my iPhone"), left out. */
        APP_LINE
    }

    /** "&gt; quoted", and the "Ann&gt; quoted" of Supercite and its kind. */
    private static final Pattern QUOTED = Pattern.compile("^(?:[A-Za-z]{0,15}>)");

    /** An attribution sharing its line with the end of the reply ("Thanks! On Tue, … Ann wrote:"). */
    private static final Pattern SHARED_OPENER =
            Pattern.compile("(?:^|[^-\\p{L}])-*(On|Le|Am|Op|El|Il|Em|W dniu|Dnia|Den|På) ");

    /** A quoted line this long was wrapped by the client that quoted it, or could have been. */
    private static final int WRAPPED = 60;

    private final List<String> raw;
    private final List<String> normalized;
    private final Mark[] marks;

    private ReplyLines(List<String> raw, List<String> normalized) {
        this.raw = raw;
        this.normalized = normalized;
        this.marks = new Mark[raw.size()];
    }

    /** Reads and marks the lines of a text. */
    static ReplyLines of(String text) {
        List<String> raw = new ArrayList<>();
        List<String> normalized = new ArrayList<>();
        for (String line : text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
            String read = normalized(line);
            int shared = sharedAttribution(read);
            if (shared > 0) {
                raw.add(withoutTrailingDashes(read.substring(0, shared)));
                normalized.add(withoutTrailingDashes(read.substring(0, shared)));
                read = read.substring(shared).strip();
                line = read;
            }
            raw.add(line);
            normalized.add(read);
        }
        ReplyLines lines = new ReplyLines(raw, normalized);
        lines.mark();
        return lines;
    }

    int size() {
        return raw.size();
    }

    Mark mark(int i) {
        return marks[i];
    }

    String raw(int i) {
        return raw.get(i);
    }

    String normalized(int i) {
        return normalized.get(i);
    }

    private void mark() {
        boolean[] quoted = new boolean[marks.length];
        for (int i = 0; i < marks.length; i++) {
            String line = normalized.get(i);
            quoted[i] = QUOTED.matcher(line).find();
            marks[i] = line.isEmpty() ? Mark.EMPTY : quoted[i] ? Mark.QUOTED : Mark.TEXT;
        }
        for (int i = 0; i < marks.length; i++) {
            int start = Attributions.startOfOneEndingAt(normalized, quoted, i);
            if (start >= 0) {
                markHistory(start, i);
            }
        }
        HeaderBlocks.Field[] fields = HeaderBlocks.fieldsOf(normalized);
        for (int i = 0; i < marks.length; i++) {
            if (marks[i] != Mark.TEXT) {
                continue;
            }
            String line = normalized.get(i);
            Optional<Integer> block = HeaderBlocks.endOfOneAt(normalized, fields, i);
            if (block.isPresent()) {
                markHistory(ruleAbove(i), block.get());
                i = block.get();
            } else if (HistorySeparators.isOne(line)) {
                marks[i] = Mark.HISTORY;
            } else if (Signatures.isDelimiter(line)) {
                marks[i] = Mark.DELIMITER;
            } else if (Signatures.isAppLine(line)) {
                marks[i] = Mark.APP_LINE;
            }
        }
        keepWrappedQuotes();
    }

    private void markHistory(int from, int to) {
        for (int i = from; i <= to; i++) {
            marks[i] = marks[i] == Mark.EMPTY ? Mark.EMPTY : Mark.HISTORY;
        }
    }

    /** The line of the rule drawn above a header block, an empty line between them allowed; else the block's. */
    private int ruleAbove(int block) {
        for (int i = block - 1; i >= 0 && i >= block - 2; i--) {
            if (HeaderBlocks.isRule(normalized.get(i))) {
                return i;
            }
            if (marks[i] != Mark.EMPTY) {
                break;
            }
        }
        return block;
    }

    /**
     * A quoted line wrapped after it was quoted (a long one, or one with a long link: "&gt; View ticket (http://…" /
     * "…nonce=3d)") leaves a line without its "&gt;": right between quoted lines, it is still quoted.
     */
    private void keepWrappedQuotes() {
        for (int i = 1; i + 1 < marks.length; i++) {
            if (marks[i] == Mark.TEXT && marks[i - 1] == Mark.QUOTED && marks[i + 1] == Mark.QUOTED) {
                String above = normalized.get(i - 1);
                if (above.length() >= WRAPPED
                        || above.contains("(http")
                        || normalized.get(i).contains("(http")) {
                    marks[i] = Mark.QUOTED;
                }
            }
        }
    }

    /**
     * Where an attribution starts on a line that begins with the end of the reply ("reply On Wed, … wrote:"), or
     * -1. Only a line ending like an attribution is looked at, and only its first few openers.
     */
    private static int sharedAttribution(String line) {
        if (line.length() > Attributions.MAX_LENGTH
                || !line.endsWith(":")
                || QUOTED.matcher(line).find()) {
            return -1;
        }
        if (!hasDigit(line)) {
            return -1; // each attribution sharing its line with the reply is dated
        }
        Matcher opener = SHARED_OPENER.matcher(line);
        for (int tries = 0; tries < 3 && opener.find(); tries++) {
            int start = opener.start(1);
            int dashes = start;
            while (dashes > 0 && line.charAt(dashes - 1) == '-') {
                dashes--;
            }
            if (dashes > 0 && Attributions.isOne(line.substring(dashes))) {
                return dashes;
            }
        }
        return -1;
    }

    private static boolean hasDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static String withoutTrailingDashes(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '-' || text.charAt(end - 1) == ' ')) {
            end--;
        }
        return text.substring(0, end);
    }

    /**
     * A line as it is matched: without its surrounding white space, no-break and other typographic spaces read as
     * spaces (French puts one before a colon: "De\u00a0:"), invisible marks left out (the direction marks Windows
     * Mail writes around a date, Gmail's "ᐧ" tracker), a full-width colon read as a colon.
     */
    static String normalized(String line) {
        StringBuilder read = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            switch (c) {
                case '\u00A0', '\u2007', '\u2009', '\u202F', '\u3000', '\t' -> read.append(' ');
                case '\u200B',
                        '\u200C',
                        '\u200D',
                        '\u200E',
                        '\u200F',
                        '\u202A',
                        '\u202B',
                        '\u202C',
                        '\u202D',
                        '\u202E',
                        '\u2060',
                        '\u2066',
                        '\u2067',
                        '\u2068',
                        '\u2069',
                        '\uFEFF',
                        '\u00AD',
                        '\u1427' -> {}
                case '\uFF1A' -> read.append(':');
                default -> read.append(c);
            }
        }
        return read.toString().strip();
    }
}
