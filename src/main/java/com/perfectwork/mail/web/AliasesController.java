package com.perfectwork.mail.web;

import com.perfectwork.mail.core.ConflictException;
import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.core.UnknownIdException;
import com.perfectwork.mail.routing.Alias;
import com.perfectwork.mail.routing.Aliases;
import com.perfectwork.mail.settings.MailDomainSettings;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Technical ‣ Email ‣ Aliases: the list with each alias's address at the alias domain, the form and delete. The
 * module's refusals are shown next to their field: a reserved or taken name next to the name, an unknown record
 * next to the record, a wrong default next to the defaults with the default it names.
 */
@Controller
@RequestMapping(AliasesController.PATH)
class AliasesController {

    static final String PATH = "/web/technical/aliases";

    private final Aliases aliases;
    private final MailDomainSettings settings;

    AliasesController(Aliases aliases, MailDomainSettings settings) {
        this.aliases = aliases;
        this.settings = settings;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("aliases", aliases.list());
        model.addAttribute("domain", settings.catchallDomain().orElse(null));
        return "technical/aliases";
    }

    @GetMapping("/new")
    String create(Model model) {
        return form(model, null, AliasForm.blank(), Map.of());
    }

    @GetMapping("/{id}")
    String edit(@PathVariable long id, Model model) {
        Alias alias = aliases.require(id);
        return form(model, alias, AliasForm.of(alias), Map.of());
    }

    @PostMapping
    String created(AliasForm form, Model model, RedirectAttributes redirect) {
        return saved(form, null, model, redirect, () -> aliases.create(form.alias()));
    }

    @PostMapping("/{id}")
    String updated(@PathVariable long id, AliasForm form, Model model, RedirectAttributes redirect) {
        Alias current = aliases.require(id);
        return saved(form, current, model, redirect, () -> aliases.replace(id, form.alias()));
    }

    @GetMapping("/{id}/delete")
    String confirmDelete(@PathVariable long id, Model model) {
        Alias alias = aliases.require(id);
        String email = alias.email(settings.catchallDomain().orElse(null));
        return new DeleteConfirmation(
                        "Delete this alias?",
                        "the alias " + (email == null ? alias.name() : email),
                        "Mail to it then goes the way of any unknown address; the records it created stay.",
                        PATH + "/" + id + "/delete",
                        PATH + "/" + id)
                .show(model);
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        String name = aliases.require(id).name();
        aliases.delete(id);
        redirect.addFlashAttribute("flash", Flash.ok("Deleted the alias " + name + "."));
        return "redirect:" + PATH;
    }

    private String saved(
            AliasForm form, Alias current, Model model, RedirectAttributes redirect, Supplier<Alias> save) {
        Alias alias;
        try {
            alias = save.get();
        } catch (InvalidInputException e) {
            return refused(model, current, form, fieldOf(e.field()), messageOf(e));
        } catch (ConflictException e) {
            return refused(model, current, form, "name", e.getMessage());
        } catch (UnknownIdException e) {
            return refused(model, current, form, "recordId", "there is no record " + e.id());
        }
        redirect.addFlashAttribute("flash", Flash.ok("Saved the alias " + alias.name() + "."));
        return "redirect:" + PATH + "/" + alias.id();
    }

    /** A default's error ({@code defaults.followers[1]}) belongs to the defaults field. */
    private static String fieldOf(String field) {
        return field.startsWith("defaults") ? "defaults" : field;
    }

    private static String messageOf(InvalidInputException e) {
        return e.field().startsWith("defaults.")
                ? e.field().substring("defaults.".length()) + ": " + e.getMessage()
                : e.getMessage();
    }

    private String refused(Model model, Alias current, AliasForm form, String field, String error) {
        model.addAttribute("flash", Flash.error("Not saved: correct the field marked below."));
        return form(model, current, form, Map.of(field, error));
    }

    private String form(Model model, Alias alias, AliasForm form, Map<String, String> errors) {
        model.addAttribute("alias", alias);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("domain", settings.catchallDomain().orElse(null));
        return "technical/alias";
    }
}
