package com.perfectwork.mail.web;

import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.oauth.AccessTokens;
import com.perfectwork.mail.outgoing.ConnectionTestResult;
import com.perfectwork.mail.outgoing.ConnectionTester;
import com.perfectwork.mail.outgoing.MailServer;
import com.perfectwork.mail.outgoing.MailServers;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings ‣ Discuss ‣ Outgoing Email Servers: the list by priority, the form, Test Connection and delete.
 * Test Connection answers in place when htmx sent it (the {@code HX-Request} header) and with the next page's
 * message when the browser posted the form itself; it tests the server as saved.
 */
@Controller
@RequestMapping(OutgoingServersController.PATH)
class OutgoingServersController {

    static final String PATH = "/web/settings/outgoing-servers";

    private final MailServers servers;
    private final ConnectionTester tester;
    private final OAuthConnect oauth;
    private final AccessTokens tokens;
    private final SignInAlerts signIns;

    OutgoingServersController(
            MailServers servers,
            ConnectionTester tester,
            OAuthConnect oauth,
            AccessTokens tokens,
            SignInAlerts signIns) {
        this.servers = servers;
        this.tester = tester;
        this.oauth = oauth;
        this.tokens = tokens;
        this.signIns = signIns;
    }

    @GetMapping
    String list(Model model) {
        List<MailServer> listed = servers.list();
        model.addAttribute("servers", listed);
        model.addAttribute("signIns", signIns.outgoingLabels(listed));
        return "settings/outgoing-servers";
    }

    @GetMapping("/new")
    String create(Model model) {
        return form(model, null, ServerForm.blank(), Map.of());
    }

    @GetMapping("/{id}")
    String edit(@PathVariable long id, Model model) {
        MailServer server = servers.require(id);
        return form(model, server, ServerForm.of(server), Map.of());
    }

    @PostMapping
    String created(ServerForm form, Model model, RedirectAttributes redirect) {
        return saved(form, null, model, redirect, () -> servers.create(form.draft()));
    }

    @PostMapping("/{id}")
    String updated(@PathVariable long id, ServerForm form, Model model, RedirectAttributes redirect) {
        MailServer current = servers.require(id);
        return saved(form, current, model, redirect, () -> servers.update(id, form.draft()));
    }

    @PostMapping("/{id}/test")
    String test(
            @PathVariable long id,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model,
            RedirectAttributes redirect) {
        ConnectionTestResult result = tester.test(servers.require(id));
        if (htmx != null) {
            model.addAttribute("result", result);
            return "settings/outgoing-server :: test-result";
        }
        redirect.addFlashAttribute("result", result);
        return "redirect:" + PATH + "/" + id;
    }

    /** Connect your Gmail / Outlook account: off to the provider, back at the callback. */
    @PostMapping("/{id}/oauth")
    String connect(@PathVariable long id, Principal admin, HttpSession session, RedirectAttributes redirect) {
        MailServer server = servers.require(id);
        return oauth.connect(server.oauthServer(), server.oauth2(), server.oauthProvider(), admin, session, redirect);
    }

    @GetMapping("/{id}/delete")
    String confirmDelete(@PathVariable long id, Model model) {
        MailServer server = servers.require(id);
        return new DeleteConfirmation(
                        "Delete this server?",
                        "the outgoing server " + server.label(),
                        "Mails it would have sent go through the next server by priority, or wait in the queue if"
                                + " none is left.",
                        PATH + "/" + id + "/delete",
                        PATH + "/" + id)
                .show(model);
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        String label = servers.require(id).label();
        servers.delete(id);
        redirect.addFlashAttribute("flash", Flash.ok("Deleted " + label + "."));
        return "redirect:" + PATH;
    }

    private String saved(
            ServerForm form, MailServer current, Model model, RedirectAttributes redirect, Supplier<MailServer> save) {
        MailServer server;
        try {
            server = save.get();
        } catch (InvalidInputException e) {
            model.addAttribute("flash", Flash.error("Not saved: correct the field marked below."));
            return form(model, current, form.withoutPassword(), Map.of(e.field(), e.getMessage()));
        }
        redirect.addFlashAttribute("flash", Flash.ok("Saved " + server.label() + "."));
        return "redirect:" + PATH + "/" + server.id();
    }

    private String form(Model model, MailServer server, ServerForm form, Map<String, String> errors) {
        model.addAttribute("server", server);
        model.addAttribute("oauth", server == null || !server.oauth2() ? null : tokens.status(server.oauthServer()));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "settings/outgoing-server";
    }
}
