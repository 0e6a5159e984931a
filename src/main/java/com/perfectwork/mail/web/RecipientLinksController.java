package com.perfectwork.mail.web;

import com.perfectwork.mail.mailing.MailingTracking;
import com.perfectwork.mail.mailing.Unsubscription;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Base64;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * What a mailing's recipient opens from the mail (see {@link PublicMailSecurity}): the unsubscribe page and its
 * choices, the RFC 8058 one-click unsubscribe, the open pixel and the click redirect. A token that is not genuine gets
 * a 404 and changes nothing.
 */
@Controller
@Hidden
class RecipientLinksController {

    /** A transparent 1×1 GIF. */
    private static final byte[] PIXEL =
            Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private final MailingTracking tracking;

    RecipientLinksController(MailingTracking tracking) {
        this.tracking = tracking;
    }

    @GetMapping(PublicMailSecurity.UNSUBSCRIBE + "/{token}")
    String page(@PathVariable String token, Model model, HttpServletResponse response) {
        Unsubscription unsubscription = tracking.unsubscription(token).orElse(null);
        if (unsubscription == null) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "mail/unknown";
        }
        model.addAttribute("u", unsubscription);
        return "mail/unsubscribe";
    }

    /**
     * RFC 8058: the mail client posts {@code List-Unsubscribe=One-Click} to the List-Unsubscribe URL; the recipient is
     * out of the mailing's lists at once (a mailing to followers: blacklisted). 200 with a short text.
     */
    @PostMapping(PublicMailSecurity.UNSUBSCRIBE + "/{token}")
    ResponseEntity<String> oneClick(@PathVariable String token) {
        if (!tracking.unsubscribe(token, false)) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body("Unknown address.\n");
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("You are unsubscribed.\n");
    }

    /** The page's buttons: {@code list} (out of this mailing's lists), {@code all} (out of every list), {@code back}. */
    @PostMapping(PublicMailSecurity.UNSUBSCRIBE + "/{token}/choice")
    String choose(@PathVariable String token, @RequestParam String action, Model model, HttpServletResponse response) {
        boolean known = switch (action) {
            case "all" -> tracking.unsubscribe(token, true);
            case "back" -> tracking.comeBack(token);
            default -> tracking.unsubscribe(token, false);
        };
        if (!known) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "mail/unknown";
        }
        model.addAttribute("done", action);
        return page(token, model, response);
    }

    @GetMapping(PublicMailSecurity.TRACK + "/{token}/open.gif")
    @ResponseBody
    ResponseEntity<byte[]> open(@PathVariable String token) {
        if (!tracking.open(token)) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .contentType(MediaType.IMAGE_GIF)
                .body(PIXEL);
    }

    /** To the mailing's own link {@code n}, never to an address the request names. */
    @GetMapping(PublicMailSecurity.TRACK + "/{token}/click/{n}")
    String click(@PathVariable String token, @PathVariable int n, HttpServletResponse response) {
        return tracking.click(token, n).map(url -> "redirect:" + url).orElseGet(() -> {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "mail/unknown";
        });
    }
}
