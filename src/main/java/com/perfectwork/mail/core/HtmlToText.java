package com.perfectwork.mail.core;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * The plain-text alternative of an HTML body: paragraphs and line breaks kept, links written out
 * ("text <url>"), list items bulleted. Enough for text-only clients and for spam filters that
 * penalize HTML-only mail.
 *
 * <p>Linear in the HTML, and bounded: the first {@link #LIMIT} characters are read (the text is an alternative to
 * the HTML, never the only copy), jsoup walks its tree without recursion, a link's text is compared to its address
 * from what was written for it (not by walking its element again), and the text is tidied line by line.
 */
public final class HtmlToText {

    /** The most of an HTML body read: jsoup takes long on pathologically nested elements. */
    static final int LIMIT = 256 * 1024;

    /** Blocks followed by an empty line, as paragraphs are read. */
    private static final Set<String> PARAGRAPHS =
            Set.of("p", "ul", "ol", "table", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6");

    private static final Set<String> BLOCKS = Set.of(
            "p",
            "div",
            "br",
            "li",
            "tr",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "blockquote",
            "pre",
            "hr",
            "table",
            "ul",
            "ol");

    private HtmlToText() {}

    public static String convert(String html) {
        return convertBody(parse(html));
    }

    /** The body of an HTML text, its first {@link #LIMIT} characters parsed: for who reads its tree first. */
    public static Element parse(String html) {
        String read = html == null ? "" : html.length() <= LIMIT ? html : html.substring(0, LIMIT);
        return Jsoup.parseBodyFragment(read).body();
    }

    /** The text of an HTML tree, as {@link #convert(String)} writes it. */
    public static String convertBody(Element root) {
        StringBuilder out = new StringBuilder();
        Deque<Integer> links = new ArrayDeque<>();
        root.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    out.append(text.text());
                } else if (node instanceof Element element) {
                    if (element.normalName().equals("a")) {
                        links.push(out.length());
                    }
                    if (element.normalName().equals("li")) {
                        newLine(out);
                        out.append("- ");
                    } else if (BLOCKS.contains(element.normalName())) {
                        newLine(out);
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element) {
                    if (element.normalName().equals("a")) {
                        String href = element.attr("href");
                        int start = links.pop();
                        if (!href.isEmpty() && !href.startsWith("mailto:") && !writtenAs(out, start, href)) {
                            out.append(" <").append(href).append('>');
                        }
                    }
                    if (PARAGRAPHS.contains(element.normalName())) {
                        newLine(out);
                        out.append('\n');
                    } else if (BLOCKS.contains(element.normalName())
                            && !element.normalName().equals("br")) {
                        newLine(out);
                    }
                }
            }
        });
        return tidy(out) + "\n";
    }

    /**
     * Whether the text written since {@code start} (a link's) is its address, white space aside: then the address is
     * not written again. Only a text about as long as the address is looked at, so nested links cost nothing more.
     */
    private static boolean writtenAs(StringBuilder out, int start, String href) {
        if (out.length() - start > 2 * href.length() + 16) {
            return false;
        }
        String written = out.substring(start).strip().replaceAll("\\s+", " ");
        return written.equals(href);
    }

    /** Without the spaces and tabs that end lines, at most one empty line in a row, no white space around it all. */
    private static String tidy(CharSequence text) {
        StringBuilder tidy = new StringBuilder(text.length());
        int newLines = 0;
        int lineStart = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i < text.length() && text.charAt(i) != '\n') {
                continue;
            }
            int end = i;
            while (i < text.length()
                    && end > lineStart
                    && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
                end--;
            }
            if (end > lineStart) {
                tidy.append("\n".repeat(Math.min(newLines, 2))).append(text, lineStart, end);
                newLines = 0;
            }
            newLines += i < text.length() ? 1 : 0;
            lineStart = i + 1;
        }
        return tidy.toString().strip();
    }

    private static void newLine(StringBuilder out) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }
}
