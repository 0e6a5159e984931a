package com.perfectwork.mail.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The way in: the login page, and the home page every signed-in user lands on. */
@Controller
class PagesController {

    @GetMapping("/")
    String root() {
        return "redirect:/web";
    }

    @GetMapping(WebSecurity.LOGIN_PAGE)
    String login() {
        return "login";
    }

    /** Discuss: the records and their threads will be shown here; for now a page that says so. */
    @GetMapping("/web")
    String home() {
        return "home";
    }
}
