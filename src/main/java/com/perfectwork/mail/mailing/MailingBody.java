package com.perfectwork.mail.mailing;

import com.perfectwork.mail.core.HtmlToText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A mailing's body as its mails carry it, a template with the placeholder {@value #TOKEN} that the queue replaces with
 * each recipient's token. Made in this order: the marketer's HTML sanitized (as the chatter's), the preview text as a
 * hidden preheader (what mail clients show after the subject), every http(s) link rewritten to the click-tracking
 * address of its number when tracking is on, the unsubscribe footer, the open pixel when tracking is on.
 *
 * @param html the HTML template
 * @param text the plain-text alternative, with the unsubscribe address written out
 * @param links the tracked links by number (empty without tracking)
 */
public record MailingBody(String html, String text, List<String> links) {

    /** What the queue replaces with a recipient's token. */
    public static final String TOKEN = "{{token}}";

    /** @param sanitizedHtml the marketer's body, already sanitized */
    static MailingBody render(String sanitizedHtml, String previewText, boolean tracking, MailingUrls urls) {
        Document document = Jsoup.parseBodyFragment(sanitizedHtml == null ? "" : sanitizedHtml);
        document.outputSettings().prettyPrint(false);
        Element body = document.body();
        List<String> links = tracking ? rewriteLinks(body, urls) : List.of();
        String text = HtmlToText.convert(body.html());
        if (previewText != null && !previewText.isBlank()) {
            body.prependElement("span")
                    .attr("style", "display:none;max-height:0;overflow:hidden;opacity:0")
                    .text(previewText.strip());
        }
        String unsubscribe = urls.unsubscribe(TOKEN);
        Element footer = body.appendElement("p").attr("style", "font-size:12px;color:#6c757d");
        footer.appendText("You receive this email as a subscriber. ");
        footer.appendElement("a").attr("href", unsubscribe).text("Unsubscribe");
        if (tracking) {
            body.appendElement("img")
                    .attr("src", urls.open(TOKEN))
                    .attr("width", "1")
                    .attr("height", "1")
                    .attr("alt", "");
        }
        String html =
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + body.html() + "</body></html>";
        return new MailingBody(html, text + "\n\n--\nUnsubscribe: " + unsubscribe + "\n", links);
    }

    private static List<String> rewriteLinks(Element body, MailingUrls urls) {
        Map<String, Integer> numbers = new LinkedHashMap<>();
        for (Element link : body.select("a[href]")) {
            String url = link.attr("href").strip();
            String lower = url.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
                continue;
            }
            int n = numbers.computeIfAbsent(url, any -> numbers.size() + 1);
            link.attr("href", urls.click(TOKEN, n));
        }
        return new ArrayList<>(numbers.keySet());
    }
}
