package com.perfectwork.mail.web;

import com.perfectwork.mail.core.ConflictException;
import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.deliverability.DkimKey;
import com.perfectwork.mail.deliverability.DkimKeys;
import com.perfectwork.mail.settings.MailDomainSettings;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings ‣ Discuss ‣ DKIM Keys (admin): the keys per sending domain with the TXT record to publish, the form that
 * generates one, activate/deactivate, and delete after confirmation.
 */
@Controller
@RequestMapping(DkimKeysController.PATH)
class DkimKeysController {

    static final String PATH = "/web/settings/dkim-keys";

    /** What the form sends: the domain, and optionally a selector and the algorithm. */
    record KeyForm(String domain, String selector, String algorithm) {}

    private final DkimKeys keys;
    private final MailDomainSettings settings;

    DkimKeysController(DkimKeys keys, MailDomainSettings settings) {
        this.keys = keys;
        this.settings = settings;
    }

    @GetMapping
    String list(Model model) {
        return page(model, new KeyForm(settings.catchallDomain().orElse(""), "", DkimKey.RSA_SHA256), Map.of());
    }

    @PostMapping
    String generate(KeyForm form, Model model, RedirectAttributes redirect) {
        DkimKey key;
        try {
            key = keys.generate(form.domain(), form.selector(), form.algorithm());
        } catch (InvalidInputException e) {
            return page(model, form, Map.of(e.field(), e.getMessage()));
        } catch (ConflictException e) {
            return page(model, form, Map.of("selector", e.getMessage()));
        }
        redirect.addFlashAttribute(
                "flash",
                Flash.ok("Generated the key " + key.selector() + " of " + key.domain()
                        + ": publish its record below, then mail from the domain is signed with it."));
        return "redirect:" + PATH;
    }

    @PostMapping("/{id}/active")
    String activate(@PathVariable long id, boolean active, RedirectAttributes redirect) {
        DkimKey key = keys.setActive(id, active);
        redirect.addFlashAttribute(
                "flash",
                Flash.ok((active ? "Activated" : "Deactivated") + " the key " + key.selector() + " of " + key.domain()
                        + "."));
        return "redirect:" + PATH;
    }

    @GetMapping("/{id}/delete")
    String confirmDelete(@PathVariable long id, Model model) {
        DkimKey key = keys.require(id);
        return new DeleteConfirmation(
                        "Delete this DKIM key?",
                        "the key " + key.selector() + " of " + key.domain(),
                        "Mail it signed fails DKIM checks once its record is withdrawn; withdraw the record"
                                + " some days after deactivating the key rather than at once.",
                        PATH + "/" + id + "/delete",
                        PATH)
                .show(model);
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        DkimKey key = keys.require(id);
        keys.delete(id);
        redirect.addFlashAttribute(
                "flash", Flash.ok("Deleted the key " + key.selector() + " of " + key.domain() + "."));
        return "redirect:" + PATH;
    }

    private String page(Model model, KeyForm form, Map<String, String> errors) {
        model.addAttribute("keys", keys.list());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        if (!errors.isEmpty()) {
            model.addAttribute("flash", Flash.error("Not generated: correct the field marked below."));
        }
        return "settings/dkim-keys";
    }
}
