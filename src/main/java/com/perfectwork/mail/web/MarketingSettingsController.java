package com.perfectwork.mail.web;

import com.perfectwork.mail.outgoing.BulkMail;
import com.perfectwork.mail.outgoing.MailServers;
import com.perfectwork.mail.settings.ConfigParameters;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Email Marketing ‣ Configuration ‣ Settings: the Dedicated Server, the system parameter
 * {@value BulkMail#DEDICATED_SERVER} (unset: mass mails take the same ladder as every mail).
 */
@Controller
class MarketingSettingsController {

    static final String PATH = WebSecurity.MARKETING + "/settings";

    private final ConfigParameters parameters;
    private final MailServers servers;

    MarketingSettingsController(ConfigParameters parameters, MailServers servers) {
        this.parameters = parameters;
        this.servers = servers;
    }

    @GetMapping(PATH)
    String show(Model model) {
        model.addAttribute("servers", servers.list());
        model.addAttribute(
                "dedicated",
                parameters
                        .value(BulkMail.DEDICATED_SERVER)
                        .filter(value -> value.matches("\\d+"))
                        .map(Long::valueOf)
                        .orElse(null));
        return "marketing/settings";
    }

    @PostMapping(PATH)
    String save(@RequestParam(required = false) Long dedicatedServer, RedirectAttributes redirect) {
        if (dedicatedServer == null) {
            parameters.delete(BulkMail.DEDICATED_SERVER);
            redirect.addFlashAttribute("flash", Flash.ok("Saved: mass mails take the usual server."));
        } else {
            String name = servers.list().stream()
                    .filter(server -> dedicatedServer.equals(server.id()))
                    .findFirst()
                    .map(server -> server.name())
                    .orElse(null);
            if (name == null) {
                redirect.addFlashAttribute("flash", Flash.error("No outgoing server has this id."));
                return "redirect:" + PATH;
            }
            parameters.set(BulkMail.DEDICATED_SERVER, dedicatedServer.toString());
            redirect.addFlashAttribute("flash", Flash.ok("Saved: mailings go through " + name + "."));
        }
        return "redirect:" + PATH;
    }
}
