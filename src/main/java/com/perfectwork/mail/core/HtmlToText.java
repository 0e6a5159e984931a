package com.perfectwork.mail.core;

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
 */
public final class HtmlToText {

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
        StringBuilder out = new StringBuilder();
        Jsoup.parseBodyFragment(html == null ? "" : html).body().traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    out.append(text.text());
                } else if (node instanceof Element element) {
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
                    String href = element.normalName().equals("a") ? element.attr("href") : "";
                    if (!href.isEmpty() && !href.equals(element.text()) && !href.startsWith("mailto:")) {
                        out.append(" <").append(href).append('>');
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
        return out.toString()
                        .replaceAll("[ \\t]+\\n", "\n")
                        .replaceAll("\\n{3,}", "\n\n")
                        .strip() + "\n";
    }

    private static void newLine(StringBuilder out) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }
}
