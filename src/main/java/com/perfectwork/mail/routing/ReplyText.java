package com.perfectwork.mail.routing;

import com.perfectwork.mail.core.HtmlToText;
import org.jsoup.nodes.Element;

/**
 * The new part of a reply, as plain text: what the writer wrote, without the history it quotes (after "On … wrote:"
 * and its translations, an Outlook header block, "-----Original Message-----", a forwarded message, lines quoted with
 * "&gt;") and without the signature ("-- ") and the line a phone adds ("Sent from my iPhone"). How the history is
 * told is {@link QuotedHistory}'s; the shapes it knows are {@link Attributions}', {@link HeaderBlocks}', {@link
 * HistorySeparators}' and {@link Signatures}'. An HTML reply first loses the containers its client put the history
 * in ({@link HtmlQuotes}).
 *
 * <p>Linear whatever the text: at most {@link #LIMIT} characters are read (the new part of a reply is at its top; a
 * longer one is cut there, the whole body stays in the message), at most 256 KB of an HTML body, each line is looked
 * at a bounded number of times, and every pattern run over the text is RE2/J's.
 */
public final class ReplyText {

    /** How much of a text is searched for the start of its quoted history. */
    static final int LIMIT = 64 * 1024;

    private ReplyText() {}

    /** The new part of a plain-text reply; null for null. */
    public static String strip(String text) {
        if (text == null) {
            return null;
        }
        return QuotedHistory.newText(ReplyLines.of(examined(text)));
    }

    /** The new part of an HTML reply (one without a plain-text alternative), as plain text; null for null. */
    public static String fromHtml(String html) {
        return html == null ? null : strip(HtmlQuotes.text(html));
    }

    /**
     * The new part of an HTML reply already parsed, whose tree is cut in place.
     *
     * @param text the text of the whole body, as {@link HtmlToText#convertBody} wrote it before the cut
     */
    static String fromHtml(Element body, String text) {
        return strip(HtmlQuotes.text(body, () -> text));
    }

    /** The text up to {@link #LIMIT}, cut after a whole line when it is longer. */
    private static String examined(String text) {
        if (text.length() <= LIMIT) {
            return text;
        }
        int lastLine = text.lastIndexOf('\n', LIMIT - 1);
        return text.substring(0, lastLine > 0 ? lastLine : LIMIT);
    }
}
