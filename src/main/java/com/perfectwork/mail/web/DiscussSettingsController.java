package com.perfectwork.mail.web;

import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.oauth.OAuthAuthorization;
import com.perfectwork.mail.oauth.OAuthProvider;
import com.perfectwork.mail.settings.ConfigParameters;
import com.perfectwork.mail.settings.DeploymentSettings;
import com.perfectwork.mail.settings.MailDomainSettings;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings ‣ General Settings ‣ Discuss: the Custom Email Servers switch, the Alias Domain, the links to the
 * servers, the hosting mode, the status panel, and the Gmail and Outlook applications (saved by
 * {@link OAuthApplicationsController}). The values are system parameters, checked by
 * {@link ConfigParameters} as the API checks them.
 */
@Controller
@RequestMapping("/web/settings")
class DiscussSettingsController {

    static final String ALIAS_DOMAIN = "mail.catchall.domain";

    /** What the form sends; an unticked box sends nothing, hence null. */
    record DiscussForm(Boolean customServers, String aliasDomain) {

        boolean customServersOn() {
            return Boolean.TRUE.equals(customServers);
        }
    }

    private final ConfigParameters parameters;
    private final MailDomainSettings mailSettings;
    private final DeploymentSettings deployment;
    private final DiscussStatus status;
    private final OAuthAuthorization authorization;

    DiscussSettingsController(
            ConfigParameters parameters,
            MailDomainSettings mailSettings,
            DeploymentSettings deployment,
            DiscussStatus status,
            OAuthAuthorization authorization) {
        this.parameters = parameters;
        this.authorization = authorization;
        this.mailSettings = mailSettings;
        this.deployment = deployment;
        this.status = status;
    }

    @GetMapping
    String show(Model model) {
        DiscussForm stored = new DiscussForm(
                mailSettings.customServers(), mailSettings.catchallDomain().orElse(""));
        return page(model, stored, Map.of());
    }

    /** The alias domain is checked first, so that a refused value leaves both settings as they were. */
    @PostMapping
    String save(DiscussForm form, Model model, RedirectAttributes redirect) {
        String alias = form.aliasDomain() == null ? "" : form.aliasDomain().strip();
        try {
            if (alias.isEmpty()) {
                parameters.delete(ALIAS_DOMAIN);
            } else {
                parameters.set(ALIAS_DOMAIN, alias);
            }
        } catch (InvalidInputException e) {
            return page(model, form, Map.of("aliasDomain", e.getMessage()));
        }
        parameters.set(MailDomainSettings.CUSTOM_SERVERS, Boolean.toString(form.customServersOn()));
        redirect.addFlashAttribute("flash", Flash.ok("Settings saved."));
        return "redirect:/web/settings";
    }

    /** What the Gmail and Outlook blocks show of an application: its client id, and whether a secret is stored. */
    record Application(OAuthProvider provider, String field, String clientId, boolean secretStored) {}

    private List<Application> applications() {
        return List.of(OAuthProvider.values()).stream()
                .map(provider -> new Application(
                        provider,
                        provider == OAuthProvider.GOOGLE ? "google" : "microsoft",
                        parameters.value(provider.clientIdKey()).orElse(""),
                        parameters.find(provider.clientSecretKey()).isPresent()))
                .toList();
    }

    private String page(Model model, DiscussForm form, Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("hosting", deployment.online() ? "Hosted (online)" : "On premise");
        model.addAttribute("status", status.lines());
        model.addAttribute("applications", applications());
        model.addAttribute("redirectUri", authorization.redirectUri());
        if (!errors.isEmpty()) {
            model.addAttribute("flash", Flash.error("Not saved: correct the field marked below."));
        }
        return "settings/discuss";
    }
}
