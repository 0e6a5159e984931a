package com.perfectwork.mail.web;

import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.oauth.OAuthAuthorization;
import com.perfectwork.mail.oauth.OAuthProvider;
import com.perfectwork.mail.oauth.OAuthServer;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Connect your Gmail account" / "Connect your Outlook account" on a server's page: starts the authorization bound to
 * this browser session and sends the browser to the provider; a server that cannot be connected stays on its page with
 * the reason.
 */
@Component
class OAuthConnect {

    private final OAuthAuthorization authorization;

    OAuthConnect(OAuthAuthorization authorization) {
        this.authorization = authorization;
    }

    /** The redirect to the provider, or back to the server's page with why not. */
    String connect(
            OAuthServer server,
            boolean oauth2,
            OAuthProvider provider,
            Principal admin,
            HttpSession session,
            RedirectAttributes redirect) {
        String back = "redirect:" + OAuthCallbackController.page(server);
        if (!oauth2 || provider == null) {
            redirect.addFlashAttribute(
                    "flash",
                    Flash.error("This server does not sign in with OAuth2: choose it and a provider, save,"
                            + " then connect the account."));
            return back;
        }
        try {
            OAuthAuthorization.Started started = authorization.start(server, provider, admin.getName(), true);
            OAuthStates.remember(session, started.state());
            return "redirect:" + started.authorizationUrl();
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("flash", Flash.error("Not connected: " + e.getMessage() + "."));
            return back;
        }
    }
}
