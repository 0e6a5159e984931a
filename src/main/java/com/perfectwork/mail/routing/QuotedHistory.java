package com.perfectwork.mail.routing;

import com.perfectwork.mail.routing.ReplyLines.Mark;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells a reply's new text from the history it quotes, from its marked lines, as the reply parsers do:
 *
 * <ol>
 *   <li>The new text ends where the history opens (an attribution, a header block, a separator) or at the
 *       signature delimiter, whichever comes first.
 *   <li>What follows a quoted history is the writer's again only as an answer between quotes (an inline reply), or
 *       as the closing some clients leave below the quote ("Regards, Ann").
 *   <li>A mail that opens with the history has its new text below it (bottom-posting), or is a forward: then the
 *       new text is what it holds without the attributions and header blocks.
 *   <li>The lines phones add are left out, and so are the quoted lines that end the mail.
 * </ol>
 */
final class QuotedHistory {

    private QuotedHistory() {}

    static String newText(ReplyLines lines) {
        int first = nextBoundary(lines, 0);
        List<Integer> kept;
        if (first < 0) {
            kept = range(lines, 0, lines.size());
        } else if (hasText(lines, 0, first)) {
            kept = range(lines, 0, first);
            kept.addAll(writtenBelow(lines, first));
        } else {
            kept = belowTheHistory(lines, first);
        }
        return joined(lines, withoutTrailingQuote(lines, kept));
    }

    /** What is still the writer's below the history opening at {@code first}, when they wrote above it. */
    private static List<Integer> writtenBelow(ReplyLines lines, int first) {
        if (lines.mark(first) != Mark.HISTORY) {
            return List.of();
        }
        int quote = afterHistory(lines, first);
        if (quote >= lines.size() || lines.mark(quote) != Mark.QUOTED) {
            return List.of();
        }
        int rest = afterQuote(lines, quote);
        int stop = boundaryOrEnd(lines, rest);
        if (has(lines, rest, stop, Mark.QUOTED)) {
            // answers between the quotes: an inline reply, its quotes kept as its context
            return withoutHistory(lines, quote, stop);
        }
        int closing = firstWith(lines, rest, stop, Mark.TEXT);
        boolean closes = closing >= 0
                && Closings.isOne(lines.normalized(closing))
                && count(lines, rest, stop, Mark.TEXT) <= Closings.MAX_LINES;
        return closes ? range(lines, rest, stop) : List.of();
    }

    /** The new text of a mail that opens with its history (at {@code first}): written below it, or forwarded. */
    private static List<Integer> belowTheHistory(ReplyLines lines, int first) {
        if (lines.mark(first) == Mark.DELIMITER) {
            return List.of();
        }
        int quote = afterHistory(lines, first);
        if (quote < lines.size() && lines.mark(quote) == Mark.QUOTED) {
            int rest = afterQuote(lines, quote);
            int stop = boundaryOrEnd(lines, rest);
            if (has(lines, rest, stop, Mark.TEXT) && !has(lines, rest, stop, Mark.QUOTED)) {
                return range(lines, rest, stop);
            }
        }
        int delimiter = firstWith(lines, 0, lines.size(), Mark.DELIMITER);
        return withoutHistory(lines, 0, delimiter < 0 ? lines.size() : delimiter);
    }

    private static List<Integer> withoutTrailingQuote(ReplyLines lines, List<Integer> kept) {
        List<Integer> shown = new ArrayList<>(kept);
        shown.removeIf(i -> lines.mark(i) == Mark.APP_LINE);
        int end = shown.size();
        while (end > 0
                && (lines.mark(shown.get(end - 1)) == Mark.QUOTED || lines.mark(shown.get(end - 1)) == Mark.EMPTY)) {
            end--;
        }
        return shown.subList(0, end);
    }

    private static String joined(ReplyLines lines, List<Integer> kept) {
        StringBuilder text = new StringBuilder();
        for (int i : kept) {
            text.append(lines.raw(i)).append('\n');
        }
        return text.toString().strip();
    }

    private static int nextBoundary(ReplyLines lines, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.mark(i) == Mark.HISTORY || lines.mark(i) == Mark.DELIMITER) {
                return i;
            }
        }
        return -1;
    }

    private static int boundaryOrEnd(ReplyLines lines, int from) {
        int boundary = nextBoundary(lines, from);
        return boundary < 0 ? lines.size() : boundary;
    }

    /** The first line after the history opening at {@code i} and the empty lines around it. */
    private static int afterHistory(ReplyLines lines, int i) {
        while (i < lines.size() && (lines.mark(i) == Mark.HISTORY || lines.mark(i) == Mark.EMPTY)) {
            i++;
        }
        return i;
    }

    /** The first line after the quoted lines starting at {@code i} and the empty lines between them. */
    private static int afterQuote(ReplyLines lines, int i) {
        while (i < lines.size() && (lines.mark(i) == Mark.QUOTED || lines.mark(i) == Mark.EMPTY)) {
            i++;
        }
        return i;
    }

    private static boolean hasText(ReplyLines lines, int from, int to) {
        return has(lines, from, to, Mark.TEXT);
    }

    private static boolean has(ReplyLines lines, int from, int to, Mark mark) {
        return firstWith(lines, from, to, mark) >= 0;
    }

    private static int firstWith(ReplyLines lines, int from, int to, Mark mark) {
        for (int i = from; i < to; i++) {
            if (lines.mark(i) == mark) {
                return i;
            }
        }
        return -1;
    }

    private static int count(ReplyLines lines, int from, int to, Mark mark) {
        int count = 0;
        for (int i = from; i < to; i++) {
            count += lines.mark(i) == mark ? 1 : 0;
        }
        return count;
    }

    private static List<Integer> withoutHistory(ReplyLines lines, int from, int to) {
        List<Integer> kept = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (lines.mark(i) != Mark.HISTORY) {
                kept.add(i);
            }
        }
        return kept;
    }

    private static List<Integer> range(ReplyLines lines, int from, int to) {
        List<Integer> range = new ArrayList<>();
        for (int i = from; i < to && i < lines.size(); i++) {
            range.add(i);
        }
        return range;
    }
}
