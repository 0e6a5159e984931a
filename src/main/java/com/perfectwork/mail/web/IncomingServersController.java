package com.perfectwork.mail.web;

import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.inbound.ConnectionCheck;
import com.perfectwork.mail.inbound.FetchReport;
import com.perfectwork.mail.inbound.Fetchmail;
import com.perfectwork.mail.inbound.InboundLog;
import com.perfectwork.mail.inbound.IncomingServer;
import com.perfectwork.mail.inbound.IncomingServers;
import com.perfectwork.mail.oauth.AccessTokens;
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
 * Settings ‣ Discuss ‣ Incoming Email Servers: the list, the form, Test & Confirm, Fetch Now and delete. Test &
 * Confirm answers in place when htmx sent it (the {@code HX-Request} header) and with the next page's message
 * when the browser posted the form itself, like Test Connection of the outgoing servers; both act on the server
 * as saved.
 */
@Controller
@RequestMapping(IncomingServersController.PATH)
class IncomingServersController {

    static final String PATH = "/web/settings/incoming-servers";

    private final IncomingServers servers;
    private final Fetchmail fetchmail;
    private final InboundLog inboundLog;
    private final OAuthConnect oauth;
    private final AccessTokens tokens;
    private final SignInAlerts signIns;

    IncomingServersController(
            IncomingServers servers,
            Fetchmail fetchmail,
            InboundLog inboundLog,
            OAuthConnect oauth,
            AccessTokens tokens,
            SignInAlerts signIns) {
        this.servers = servers;
        this.fetchmail = fetchmail;
        this.inboundLog = inboundLog;
        this.oauth = oauth;
        this.tokens = tokens;
        this.signIns = signIns;
    }

    /** Connect your Gmail / Outlook account: off to the provider, back at the callback. */
    @PostMapping("/{id}/oauth")
    String connect(@PathVariable long id, Principal admin, HttpSession session, RedirectAttributes redirect) {
        IncomingServer server = servers.require(id);
        return oauth.connect(server.oauthServer(), server.oauth2(), server.oauthProvider(), admin, session, redirect);
    }

    /** The servers, each with how many of its mails are failed in the Incoming Log (shown with a link there). */
    @GetMapping
    String list(Model model) {
        List<IncomingServer> listed = servers.list();
        model.addAttribute("servers", listed);
        model.addAttribute("signIns", signIns.incomingLabels(listed));
        model.addAttribute("failedMails", inboundLog.failedByIncomingServer());
        return "settings/incoming-servers";
    }

    @GetMapping("/new")
    String create(Model model) {
        return form(model, null, IncomingServerForm.blank(), Map.of());
    }

    @GetMapping("/{id}")
    String edit(@PathVariable long id, Model model) {
        IncomingServer server = servers.require(id);
        return form(model, server, IncomingServerForm.of(server), Map.of());
    }

    /** The port field again, with the default of the type and security just chosen (htmx, on change). */
    @GetMapping("/port")
    String proposedPort(IncomingServerForm form, Model model) {
        model.addAttribute("form", form.withProposedPort());
        model.addAttribute("errors", Map.of());
        return "settings/incoming-server :: port-field";
    }

    @PostMapping
    String created(IncomingServerForm form, Model model, RedirectAttributes redirect) {
        return saved(form, null, model, redirect, () -> servers.create(form.draft()));
    }

    @PostMapping("/{id}")
    String updated(@PathVariable long id, IncomingServerForm form, Model model, RedirectAttributes redirect) {
        IncomingServer current = servers.require(id);
        return saved(form, current, model, redirect, () -> servers.update(id, form.draft()));
    }

    @PostMapping("/{id}/test")
    String test(
            @PathVariable long id,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model,
            RedirectAttributes redirect) {
        ConnectionCheck result = fetchmail.testAndConfirm(id);
        if (htmx != null) {
            model.addAttribute("result", result);
            model.addAttribute("server", servers.require(id));
            model.addAttribute("inPlace", true);
            return "settings/incoming-server :: test-result";
        }
        redirect.addFlashAttribute("result", result);
        return "redirect:" + PATH + "/" + id;
    }

    @PostMapping("/{id}/fetch")
    String fetch(@PathVariable long id, RedirectAttributes redirect) {
        FetchReport report = fetchmail.fetchNow(id);
        IncomingServer server = servers.require(id);
        redirect.addFlashAttribute("flash", fetched(server, report));
        return "redirect:" + PATH + "/" + id;
    }

    @GetMapping("/{id}/delete")
    String confirmDelete(@PathVariable long id, Model model) {
        IncomingServer server = servers.require(id);
        return new DeleteConfirmation(
                        "Delete this server?",
                        "the incoming server " + server.label(),
                        "Its mailbox is no longer fetched; the mails already received stay where they are.",
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

    /** The fetch report as the message; a fetch that could not reach the mailbox says why (its last error). */
    private static Flash fetched(IncomingServer server, FetchReport report) {
        String text = "Fetch Now: " + report + ".";
        if ((server.failingSince() != null || report.failed() > 0) && server.lastError() != null) {
            return Flash.error(text + " " + server.lastError());
        }
        return report.failed() > 0 ? Flash.error(text) : Flash.ok(text);
    }

    private String saved(
            IncomingServerForm form,
            IncomingServer current,
            Model model,
            RedirectAttributes redirect,
            Supplier<IncomingServer> save) {
        IncomingServer server;
        try {
            server = save.get();
        } catch (InvalidInputException e) {
            model.addAttribute("flash", Flash.error("Not saved: correct the field marked below."));
            return form(model, current, form.withoutPassword(), Map.of(e.field(), e.getMessage()));
        }
        String state = "draft".equals(server.state()) ? " It is a draft until Test & Confirm succeeds." : "";
        redirect.addFlashAttribute("flash", Flash.ok("Saved " + server.label() + "." + state));
        return "redirect:" + PATH + "/" + server.id();
    }

    private String form(Model model, IncomingServer server, IncomingServerForm form, Map<String, String> errors) {
        model.addAttribute("server", server);
        model.addAttribute("oauth", server == null || !server.oauth2() ? null : tokens.status(server.oauthServer()));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "settings/incoming-server";
    }
}
