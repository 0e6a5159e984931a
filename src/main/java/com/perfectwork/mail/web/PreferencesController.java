package com.perfectwork.mail.web;

import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.directory.NotificationPreference;
import com.perfectwork.mail.directory.UserAccount;
import com.perfectwork.mail.directory.UserAccounts;
import com.perfectwork.mail.directory.UserChange;
import java.security.Principal;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * My preferences (Odoo's user preferences, Notification: "Handle by Emails" or "Handle in Odoo"): how the signed-in
 * user is notified of the messages of the records they follow, by email or in the Inbox. Any user, for themselves only;
 * an administrator sets anyone's through the API.
 */
@Controller
@RequestMapping(PreferencesController.PATH)
class PreferencesController {

    static final String PATH = "/web/preferences";
    static final String FIELD = "notificationPreference";
    static final String CHOOSE = "Choose “By email” or “In Perfectwork”.";

    private final UserAccounts users;

    PreferencesController(UserAccounts users) {
        this.users = users;
    }

    @GetMapping
    String show(Principal user, Model model) {
        return form(model, account(user).notificationPreference().code(), Map.of());
    }

    @PostMapping
    String save(
            @RequestParam(name = FIELD, required = false) String chosen,
            Principal user,
            Model model,
            RedirectAttributes redirect) {
        NotificationPreference preference = preference(chosen);
        if (preference == null) {
            model.addAttribute("flash", Flash.error("Not saved: correct the field marked below."));
            return form(model, chosen, Map.of(FIELD, CHOOSE));
        }
        users.update(account(user).id(), UserChange.preference(preference));
        redirect.addFlashAttribute(
                "flash",
                Flash.ok(
                        preference == NotificationPreference.INBOX
                                ? "Saved: new messages of the records you follow now come to your Inbox, not by email."
                                : "Saved: new messages of the records you follow now come by email."));
        return "redirect:" + PATH;
    }

    /** The choice, as the API spells it; null for none or any other value. */
    private static NotificationPreference preference(String chosen) {
        try {
            return NotificationPreference.parse(chosen, FIELD);
        } catch (InvalidInputException e) {
            return null;
        }
    }

    private UserAccount account(Principal user) {
        return users.findByLogin(user.getName())
                .orElseThrow(() -> new AccessDeniedException("no account for the signed-in login"));
    }

    private static String form(Model model, String chosen, Map<String, String> errors) {
        model.addAttribute("chosen", chosen);
        model.addAttribute("errors", errors);
        return "preferences";
    }
}
