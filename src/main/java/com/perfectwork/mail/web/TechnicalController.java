package com.perfectwork.mail.web;

import com.perfectwork.mail.scheduling.ScheduledActions;
import com.perfectwork.mail.settings.ConfigParameters;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Settings ‣ Technical, the developer-mode menu: the system parameters and the scheduled actions, to look at
 * for now (they are changed through the API).
 */
@Controller
class TechnicalController {

    private final ConfigParameters parameters;
    private final ScheduledActions actions;

    TechnicalController(ConfigParameters parameters, ScheduledActions actions) {
        this.parameters = parameters;
        this.actions = actions;
    }

    @GetMapping("/web/technical")
    String technical(Model model) {
        model.addAttribute("parameters", parameters.all());
        model.addAttribute("actions", actions.list());
        return "technical";
    }
}
