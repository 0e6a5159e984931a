package com.perfectwork.mail.web;

import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.oauth.OAuthProvider;
import com.perfectwork.mail.settings.ConfigParameters;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings ‣ Discuss ‣ Gmail and Outlook: the client id and secret of the company's Google Cloud and Microsoft Entra
 * applications, as Odoo keeps them (system parameters). The secret is write-only: left blank it keeps the stored one;
 * an empty client id removes the application (and its secret).
 */
@Controller
@RequestMapping("/web/settings/oauth-applications")
class OAuthApplicationsController {

    /** What the Gmail and Outlook blocks send. */
    record ApplicationsForm(
            String googleClientId, String googleClientSecret, String microsoftClientId, String microsoftClientSecret) {

        String clientId(OAuthProvider provider) {
            return text(provider == OAuthProvider.GOOGLE ? googleClientId : microsoftClientId);
        }

        String clientSecret(OAuthProvider provider) {
            return text(provider == OAuthProvider.GOOGLE ? googleClientSecret : microsoftClientSecret);
        }

        private static String text(String value) {
            return value == null ? "" : value.strip();
        }
    }

    private final ConfigParameters parameters;

    OAuthApplicationsController(ConfigParameters parameters) {
        this.parameters = parameters;
    }

    /** Each provider's fields saved in turn; a refused one is named in the message, the others are saved. */
    @PostMapping
    String save(ApplicationsForm form, RedirectAttributes redirect) {
        Map<String, String> refused = new LinkedHashMap<>();
        for (OAuthProvider provider : OAuthProvider.values()) {
            try {
                save(provider, form.clientId(provider), form.clientSecret(provider));
            } catch (InvalidInputException e) {
                refused.put(provider.product(), e.getMessage());
            }
        }
        redirect.addFlashAttribute(
                "flash",
                refused.isEmpty()
                        ? Flash.ok("Gmail and Outlook applications saved.")
                        : Flash.error("Not saved: "
                                + refused.entrySet().stream()
                                        .map(e -> e.getKey() + " client id " + e.getValue())
                                        .reduce((a, b) -> a + "; " + b)
                                        .orElse("")));
        return "redirect:/web/settings#oauth-applications";
    }

    private void save(OAuthProvider provider, String clientId, String clientSecret) {
        if (clientId.isEmpty()) {
            parameters.delete(provider.clientIdKey());
            parameters.delete(provider.clientSecretKey());
            return;
        }
        parameters.set(provider.clientIdKey(), clientId);
        if (!clientSecret.isEmpty()) {
            parameters.set(provider.clientSecretKey(), clientSecret);
        }
    }
}
