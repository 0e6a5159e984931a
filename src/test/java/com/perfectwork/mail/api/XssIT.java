package com.perfectwork.mail.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Classic XSS payloads posted as message bodies come back inert, both in the answer to the post and
 * in the stored thread. Checked by parsing the returned HTML as a browser would (jsoup), not by
 * looking for strings.
 */
@ApiTest
class XssIT {

    private static final Set<String> DANGEROUS_ELEMENTS = Set.of(
            "script",
            "iframe",
            "frame",
            "frameset",
            "object",
            "embed",
            "applet",
            "form",
            "input",
            "button",
            "textarea",
            "select",
            "svg",
            "math",
            "style",
            "link",
            "meta",
            "base",
            "template",
            "xml",
            "video",
            "audio",
            "source",
            "marquee");
    private static final Set<String> URL_ATTRIBUTES = Set.of(
            "href",
            "src",
            "action",
            "formaction",
            "xlink:href",
            "background",
            "poster",
            "data",
            "srcset",
            "lowsrc",
            "dynsrc");

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<script>alert('xss')</script>",
                "<SCRIPT SRC=http://evil.example/xss.js></SCRIPT>",
                "<img src=x onerror=alert(1)>",
                "<IMG SRC=\"javascript:alert('XSS');\">",
                "<IMG SRC=JaVaScRiPt:alert('XSS')>",
                "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
                "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
                "<a href=\"javascript:alert(1)\">click</a>",
                "<a href=\"  JAVASCRIPT:alert(1)\">click</a>",
                "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">click</a>",
                "<a href=\"vbscript:msgbox(1)\">click</a>",
                "<svg onload=alert(1)>",
                "<svg><script>alert(1)</script></svg>",
                "<body onload=alert('XSS')>",
                "<iframe src=\"javascript:alert('XSS');\"></iframe>",
                "<div style=\"background-image: url(javascript:alert('XSS'))\">x</div>",
                "<div style=\"width: expression(alert('XSS'));\">x</div>",
                "<p onmouseover=\"alert(1)\">hover</p>",
                "<object data=\"javascript:alert(1)\"></object>",
                "<embed src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
                "<form action=\"javascript:alert(1)\"><input type=submit></form>",
                "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
                "<details open ontoggle=alert(1)>",
                "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
                "<base href=\"javascript:alert(1)//\">",
                "<link rel=stylesheet href=\"javascript:alert(1)\">",
                "\"><script>alert(document.cookie)</script>",
                "<scr<script>ipt>alert(1)</scr</script>ipt>",
                "<<SCRIPT>alert(\"XSS\");//<</SCRIPT>",
                "<table background=\"javascript:alert(1)\"><tr><td>x</td></tr></table>",
                "<video><source onerror=\"alert(1)\"></video>",
                "<a href=\"java\u0000script:alert(1)\">nul</a>",
                "<img src=\"x\" style=\"position:fixed;top:0;left:0;width:100%;height:100%\" onclick=alert(1)>",
                "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
                "<a href=\"https://ok.example\" target=_blank onclick=\"alert(1)\">fine link</a>",
            })
    void payloadsComeBackInert(String payload) {
        ApiClient admin = ApiClient.admin(port);
        long record = admin.post("/api/records", Map.of("model", "crm.lead", "name", "XSS"))
                .id();
        ApiClient.Response posted = admin.post(
                "/api/records/" + record + "/messages",
                Map.of("body", "<p>before</p>" + payload + "<p>after</p>", "type", "note"));
        assertThat(posted.status()).isEqualTo(201);
        assertInert(posted.json().get("body").asString());
        assertInert(admin.get("/api/records/" + record + "/messages")
                .json()
                .get(0)
                .get("body")
                .asString());
    }

    private static void assertInert(String html) {
        Document document = Jsoup.parseBodyFragment(html);
        for (Element element : document.body().getAllElements()) {
            assertThat(DANGEROUS_ELEMENTS)
                    .as("element <%s> in %s", element.tagName(), html)
                    .doesNotContain(element.tagName());
            for (Attribute attribute : element.attributes()) {
                String name = attribute.getKey().toLowerCase(Locale.ROOT);
                String value = attribute
                        .getValue()
                        .replaceAll("[\\s\\u0000-\\u001f]", "")
                        .toLowerCase(Locale.ROOT);
                assertThat(name).as("event handler in %s", html).doesNotStartWith("on");
                if (URL_ATTRIBUTES.contains(name)) {
                    assertThat(value)
                            .as("URL of %s in %s", name, html)
                            .doesNotStartWith("javascript:")
                            .doesNotStartWith("vbscript:")
                            .doesNotStartWith("data:");
                }
                if (name.equals("style")) {
                    assertThat(value)
                            .as("style in %s", html)
                            .doesNotContain("expression(")
                            .doesNotContain("javascript:")
                            .doesNotContain("url(");
                }
            }
        }
        assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("<script").doesNotContain("javascript:");
    }
}
