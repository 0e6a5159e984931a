package com.perfectwork.mail.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The way in: the login page, and the home page every signed-in user lands on. */
@Controller
class PagesController {

    @GetMapping("/")
    String root() {
        return "redirect:/web";
    }

    /** The request attribute by which a throttled login tells the page how many seconds to wait. */
    static final String WAIT_SECONDS = "perfectwork.login.waitSeconds";

    @GetMapping(WebSecurity.LOGIN_PAGE)
    String login() {
        return "login";
    }

    /**
     * The login page saying how long to wait, forwarded to by a login the throttle refused (whose answer, 429 with
     * {@code Retry-After}, is already set); opened otherwise, it is the login page.
     */
    @RequestMapping(WebSecurity.LOGIN_THROTTLED)
    String throttled(HttpServletRequest request, Model model) {
        Object wait = request.getAttribute(WAIT_SECONDS);
        if (wait == null) {
            return "redirect:" + WebSecurity.LOGIN_PAGE;
        }
        model.addAttribute("waitSeconds", wait);
        return "login";
    }

    /** Discuss: the records and their threads will be shown here; for now a page that says so. */
    @GetMapping("/web")
    String home() {
        return "home";
    }
}
