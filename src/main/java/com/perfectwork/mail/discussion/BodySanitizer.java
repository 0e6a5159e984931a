package com.perfectwork.mail.discussion;

import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;
import org.springframework.stereotype.Component;

/**
 * Makes a message body safe to show in a browser and to mail: the OWASP sanitizer keeps formatting,
 * blocks, tables, links (http, https, mailto) and images, and drops scripts, event handlers,
 * {@code javascript:} URLs, frames, forms and styles that could hide or overlay content.
 */
@Component
public class BodySanitizer {

    private static final PolicyFactory POLICY = Sanitizers.FORMATTING
            .and(Sanitizers.BLOCKS)
            .and(Sanitizers.LINKS)
            .and(Sanitizers.TABLES)
            .and(Sanitizers.IMAGES)
            .and(Sanitizers.STYLES)
            .and(new HtmlPolicyBuilder()
                    .allowElements("hr", "pre", "code", "span", "div", "br", "blockquote")
                    .allowAttributes("class")
                    .onElements("span", "div", "p", "blockquote", "pre", "code")
                    .toFactory());

    public String sanitize(String html) {
        return html == null ? "" : POLICY.sanitize(html);
    }
}
