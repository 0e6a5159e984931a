package com.perfectwork.mail.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Settings ‣ Technical, the developer-mode menu: its pages grouped as the documentation names them (Parameters,
 * Email, Automation), each a plain link so that it can be bookmarked.
 */
@Controller
class TechnicalController {

    @GetMapping("/web/technical")
    String technical() {
        return "technical";
    }
}
