package com.perfectwork.mail.mailing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class MailingBodyTest {

    final MailingUrls urls = new MailingUrls(null, new MockEnvironment()) {
        @Override
        public String base() {
            return "https://mail.example.com";
        }
    };

    @Test
    void linksAreTrackedByNumberWithAPixelAPreheaderAndTheUnsubscribeFooter() {
        MailingBody body = MailingBody.render(
                "<p>See <a href=\"https://shop.example/offer?a=1&amp;b=2\">the offer</a>, <a"
                        + " href=\"https://shop.example/offer?a=1&amp;b=2\">again</a>, <a"
                        + " href=\"mailto:sales@example.com\">write</a> or <a href=\"http://blog.example/\">read</a>.</p>",
                "Spring prices",
                true,
                urls);
        assertThat(body.links()).containsExactly("https://shop.example/offer?a=1&b=2", "http://blog.example/");
        assertThat(body.html())
                .contains("href=\"https://mail.example.com/mail/track/{{token}}/click/1\">the offer")
                .contains("href=\"https://mail.example.com/mail/track/{{token}}/click/1\">again")
                .contains("href=\"https://mail.example.com/mail/track/{{token}}/click/2\">read")
                .contains("href=\"mailto:sales@example.com\"")
                .contains("src=\"https://mail.example.com/mail/track/{{token}}/open.gif\"")
                .contains("href=\"https://mail.example.com/mail/unsubscribe/{{token}}\"")
                .containsPattern("<span style=\"display:none[^\"]*\">Spring prices</span>");
        assertThat(body.html().indexOf("Spring prices")).isLessThan(body.html().indexOf("See"));
        assertThat(body.text())
                .contains("the offer")
                .contains("Unsubscribe: https://mail.example.com/mail/unsubscribe/{{token}}")
                .doesNotContain("Spring prices");
    }

    @Test
    void withoutTrackingLinksStayAndNoPixel() {
        MailingBody body = MailingBody.render("<p><a href=\"https://shop.example/\">shop</a></p>", null, false, urls);
        assertThat(body.links()).isEmpty();
        assertThat(body.html())
                .contains("href=\"https://shop.example/\"")
                .doesNotContain("open.gif")
                .contains("/mail/unsubscribe/{{token}}");
    }
}
