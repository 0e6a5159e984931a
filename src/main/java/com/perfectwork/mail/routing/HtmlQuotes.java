package com.perfectwork.mail.routing;

import com.google.re2j.Pattern;
import com.perfectwork.mail.core.HtmlToText;
import java.util.Locale;
import java.util.function.Supplier;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;

/**
 * Cuts the quoted history out of an HTML reply by the containers clients put it in, whatever the language of its
 * attribution, before the reply is read as text:
 *
 * <ul>
 *   <li>where the history runs to the end of the mail: Outlook on the web's {@code divRplyFwdMsg} (and its
 *       {@code appendonsend} marker), Outlook for Mac's {@code OLK_SRC_BODY_SECTION}, the new Outlook's reference
 *       message container, Outlook desktop's and Windows Mail's top-bordered separator, Hotmail's
 *       {@code stopSpelling} rule, Zimbra's divider;
 *   <li>where the history is one element: Gmail's {@code gmail_quote}, the {@code blockquote type="cite"} of Apple
 *       Mail and Thunderbird with Thunderbird's {@code moz-cite-prefix}, Yahoo's {@code yahoo_quoted}, Proton's
 *       and Zoho's quotes;
 *   <li>a blockquote that ends the mail (Yandex, Mail.ru, webmails).
 * </ul>
 *
 * <p>A cut that would leave no text is not made: then the mail is all history (a forward), and its text tells. The
 * HTML read is bounded as {@link HtmlToText} bounds it; each cut is one walk of the tree.
 */
final class HtmlQuotes {

    /** Containers after which the rest of the mail is the quoted history. */
    private static final String TO_THE_END = String.join(
            ", ",
            "[id$=divRplyFwdMsg]",
            "#appendonsend",
            "[id$=OLK_SRC_BODY_SECTION]",
            "#mail-editor-reference-message-container",
            "hr#stopSpelling",
            "hr#zwchr",
            "hr[data-marker=__DIVIDER__]",
            "div[data-marker=__QUOTED_TEXT__]");

    /** Containers that are the quoted history, and nothing more. */
    private static final String QUOTES = String.join(
            ", ",
            "div.gmail_quote",
            "blockquote.gmail_quote",
            "blockquote[type=cite]",
            "div.moz-cite-prefix",
            "[class*=yahoo_quoted]",
            "[id*=yahoo_quoted]",
            "div.protonmail_quote",
            "div.zmail_extra");

    /**
     * The separator Outlook desktop draws above the header of the mail it quotes
     * ({@code border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm}), and Windows Mail's.
     */
    private static final Pattern OUTLOOK_SEPARATOR = Pattern.compile(
            "border: ?none; ?border-top: ?solid|padding-top: ?5px; ?border-top-color", Pattern.CASE_INSENSITIVE);

    private HtmlQuotes() {}

    /** The text of an HTML reply without its quoted history's containers. */
    static String text(String html) {
        return text(HtmlToText.parse(html), () -> HtmlToText.convert(html));
    }

    /**
     * The text of an HTML reply's body without its quoted history's containers, cut out of the tree in place.
     *
     * @param whole the text of the whole body, for a mail that is all history (a forward with nothing written above
     *     it): its text tells
     */
    static String text(Element body, Supplier<String> whole) {
        cutToTheEnd(body);
        body.select(QUOTES).remove();
        cutTrailingBlockquote(body);
        String text = HtmlToText.convertBody(body);
        return text.isBlank() ? whole.get() : text;
    }

    private static void cutToTheEnd(Element body) {
        Element first = body.selectFirst(TO_THE_END);
        for (Element div : body.getElementsByTag("div")) {
            String style = div.attr("style");
            if (style.toLowerCase(Locale.ROOT).contains("border-top")
                    && OUTLOOK_SEPARATOR.matcher(style).find()
                    && (first == null || before(div, first))) {
                first = div;
                break;
            }
        }
        if (first != null) {
            removeFromHereOn(first, body);
        }
    }

    /** Whether {@code a} comes before {@code b} in the document: their depth-first positions compared. */
    private static boolean before(Element a, Element b) {
        for (Element element : a.root().getAllElements()) {
            if (element == a) {
                return true;
            }
            if (element == b) {
                return false;
            }
        }
        return false;
    }

    /** The last blockquote of the mail, not inside another, when nothing is written after it. */
    private static void cutTrailingBlockquote(Element body) {
        Elements quotes = body.getElementsByTag("blockquote");
        if (quotes.isEmpty()) {
            return;
        }
        // the outermost blockquote holding the last one is the last not inside another
        Element last = quotes.last();
        for (Element parent = last.parent(); parent != null && parent != body; parent = parent.parent()) {
            if (parent.normalName().equals("blockquote")) {
                last = parent;
            }
        }
        if (!writtenAfter(last, body)) {
            last.remove();
        }
    }

    private static boolean writtenAfter(Node node, Element body) {
        for (Node current = node; current != null && current != body; current = current.parent()) {
            for (Node next = current.nextSibling(); next != null; next = next.nextSibling()) {
                if (next instanceof Element element && !element.text().isBlank()) {
                    return true;
                }
                if (next instanceof TextNode text && !text.isBlank()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Removes a node and all that follows it in the document. */
    private static void removeFromHereOn(Node node, Element body) {
        Node current = node;
        while (current != null && current != body) {
            Node parent = current.parent();
            while (current.nextSibling() != null) {
                current.nextSibling().remove();
            }
            if (current == node) {
                current.remove();
            }
            current = parent;
        }
    }
}
