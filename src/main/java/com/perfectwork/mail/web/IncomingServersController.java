package com.perfectwork.mail.web;

import com.perfectwork.mail.inbound.IncomingServers;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Settings ‣ Discuss ‣ Incoming Email Servers, to look at for now: their form is still the API's. */
@Controller
class IncomingServersController {

    private final IncomingServers servers;

    IncomingServersController(IncomingServers servers) {
        this.servers = servers;
    }

    @GetMapping("/web/settings/incoming-servers")
    String list(Model model) {
        model.addAttribute("servers", servers.list());
        return "settings/incoming-servers";
    }
}
