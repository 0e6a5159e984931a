package com.perfectwork.mail.web;

import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.core.UnknownIdException;
import com.perfectwork.mail.settings.ConfigParameter;
import com.perfectwork.mail.settings.ConfigParameters;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Technical ‣ Parameters ‣ System Parameters: the list with its search, create, edit and delete. The values are
 * checked by {@link ConfigParameters} (its parameter rules) as the API checks them, and a refusal is shown next
 * to the field it names.
 */
@Controller
@RequestMapping(SystemParametersController.PATH)
class SystemParametersController {

    static final String PATH = "/web/technical/parameters";

    /** What the form sends: the key (read-only once created) and the value. */
    record ParameterForm(String key, String value) {

        static ParameterForm of(ConfigParameter parameter) {
            return new ParameterForm(parameter.key(), parameter.value() == null ? "" : parameter.value());
        }

        String trimmedKey() {
            return key == null ? "" : key.strip();
        }
    }

    private final ConfigParameters parameters;

    SystemParametersController(ConfigParameters parameters) {
        this.parameters = parameters;
    }

    /** Searched by key or value, as Odoo's list searches both, ignoring case. */
    @GetMapping
    String list(@RequestParam(name = "q", required = false) String query, Model model) {
        String search = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        List<ConfigParameter> shown = parameters.all().stream()
                .filter(p -> search.isEmpty()
                        || p.key().toLowerCase(Locale.ROOT).contains(search)
                        || p.value() != null
                                && p.value().toLowerCase(Locale.ROOT).contains(search))
                .toList();
        model.addAttribute("parameters", shown);
        model.addAttribute("query", query == null ? "" : query);
        return "technical/parameters";
    }

    @GetMapping("/new")
    String create(Model model) {
        return form(model, false, new ParameterForm("", ""), Map.of());
    }

    @GetMapping("/{key}")
    String edit(@PathVariable String key, Model model) {
        return form(model, true, ParameterForm.of(require(key)), Map.of());
    }

    @PostMapping
    String created(ParameterForm form, Model model, RedirectAttributes redirect) {
        if (parameters.find(form.trimmedKey()).isPresent()) {
            return refused(model, false, form, "key", "exists already: open it in the list to change its value");
        }
        return saved(form.trimmedKey(), form, false, model, redirect);
    }

    @PostMapping("/{key}")
    String updated(@PathVariable String key, ParameterForm form, Model model, RedirectAttributes redirect) {
        require(key);
        return saved(key, new ParameterForm(key, form.value()), true, model, redirect);
    }

    @GetMapping("/{key}/delete")
    String confirmDelete(@PathVariable String key, Model model) {
        ConfigParameter parameter = require(key);
        return new DeleteConfirmation(
                        "Delete this parameter?",
                        parameter.key()
                                + (parameter.value() == null ? " (a secret)" : " (now '" + parameter.value() + "')"),
                        "Its documented default applies again, if it has one.",
                        PATH + "/" + key + "/delete",
                        PATH + "/" + key)
                .show(model);
    }

    @PostMapping("/{key}/delete")
    String delete(@PathVariable String key, RedirectAttributes redirect) {
        parameters.delete(require(key).key());
        redirect.addFlashAttribute("flash", Flash.ok("Deleted " + key + "; its default applies again, if it has one."));
        return "redirect:" + PATH;
    }

    private String saved(String key, ParameterForm form, boolean existing, Model model, RedirectAttributes redirect) {
        ConfigParameter stored;
        try {
            stored = parameters.set(key, form.value() == null ? "" : form.value());
        } catch (InvalidInputException e) {
            return refused(model, existing, form, e.field(), e.getMessage());
        }
        redirect.addFlashAttribute(
                "flash",
                Flash.ok(
                        stored.value() == null
                                ? "Saved " + stored.key() + " (a secret: stored encrypted, never shown again)."
                                : "Saved " + stored.key() + " = " + stored.value() + "."));
        return "redirect:" + PATH + "/" + stored.key();
    }

    private ConfigParameter require(String key) {
        return parameters.find(key).orElseThrow(() -> new UnknownIdException("system parameter", key));
    }

    private static String refused(Model model, boolean existing, ParameterForm form, String field, String error) {
        model.addAttribute("flash", Flash.error("Not saved: correct the field marked below."));
        return form(model, existing, form, Map.of(field, error));
    }

    private static String form(Model model, boolean existing, ParameterForm form, Map<String, String> errors) {
        model.addAttribute("existing", existing);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "technical/parameter";
    }
}
