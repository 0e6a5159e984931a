package com.perfectwork.mail.web;

import com.perfectwork.mail.oauth.CallbackOutcome;
import com.perfectwork.mail.oauth.OAuthAuthorization;
import com.perfectwork.mail.oauth.OAuthServer;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Where Google and Microsoft send the administrator back ({@value OAuthAuthorization#CALLBACK}): signed in to the
 * pages (an administrator who is not is asked to sign in first, then comes back here). A connected account goes back
 * to its server's page with the message; an answer that connects nothing (an unknown, used or expired sign-in, access
 * not granted, a token endpoint that refused or could not be reached) gets a page of its own saying why and what to do.
 */
@Controller
class OAuthCallbackController {

    private final OAuthAuthorization authorization;

    OAuthCallbackController(OAuthAuthorization authorization) {
        this.authorization = authorization;
    }

    @GetMapping(OAuthAuthorization.CALLBACK)
    String callback(
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String code,
            @RequestParam(required = false) String error,
            @RequestParam(name = "error_description", required = false) String errorDescription,
            Principal admin,
            HttpSession session,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        CallbackOutcome outcome = authorization.finish(
                new OAuthAuthorization.Answer(state, code, error, errorDescription),
                admin.getName(),
                OAuthStates.of(session));
        OAuthStates.forget(session, state);
        if (outcome instanceof CallbackOutcome.Connected connected) {
            redirect.addFlashAttribute(
                    "flash",
                    Flash.ok("Connected: the " + connected.provider().product() + " account signs in to this server"
                            + " from now on; mails waiting for it are sent now."));
            return "redirect:" + page(connected.server());
        }
        CallbackOutcome.Refused refused = (CallbackOutcome.Refused) outcome;
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("title", refused.title());
        model.addAttribute("detail", refused.detail());
        model.addAttribute("back", refused.server() == null ? "/web/settings" : page(refused.server()));
        return "oauth-refused";
    }

    /** The page of the server an authorization was for. */
    static String page(OAuthServer server) {
        return switch (server.kind()) {
            case OUTGOING -> OutgoingServersController.PATH + "/" + server.id();
            case INCOMING -> IncomingServersController.PATH + "/" + server.id();
        };
    }
}
