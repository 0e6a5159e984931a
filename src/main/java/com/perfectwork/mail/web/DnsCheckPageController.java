package com.perfectwork.mail.web;

import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.deliverability.DnsCheck;
import com.perfectwork.mail.deliverability.DnsCheckResult;
import com.perfectwork.mail.deliverability.DnsFinding;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Settings ‣ Discuss ‣ Check DNS (admin): the domains the outgoing servers send for, and for the one chosen (the
 * Alias Domain first) the MX, SPF, DKIM and DMARC findings, each with what to publish to fix it.
 */
@Controller
@RequestMapping(DnsCheckPageController.PATH)
class DnsCheckPageController {

    static final String PATH = "/web/settings/dns-check";

    /** One row of the results: the kind of record and its finding. */
    record Row(String kind, DnsFinding finding) {

        public String status() {
            return finding.status().word();
        }
    }

    private final DnsCheck dnsCheck;

    DnsCheckPageController(DnsCheck dnsCheck) {
        this.dnsCheck = dnsCheck;
    }

    @GetMapping
    String check(@RequestParam(required = false) String domain, Model model) {
        List<String> domains = dnsCheck.sendingDomains();
        model.addAttribute("domains", domains);
        String chosen = domain == null || domain.isBlank()
                ? domains.stream().findFirst().orElse("")
                : domain.strip();
        model.addAttribute("domain", chosen);
        model.addAttribute("errors", Map.of());
        if (chosen.isEmpty()) {
            return "settings/dns-check";
        }
        try {
            DnsCheckResult result = dnsCheck.check(chosen);
            model.addAttribute("result", result);
            model.addAttribute(
                    "rows",
                    List.of(
                            new Row("MX", result.mx()),
                            new Row("SPF", result.spf()),
                            new Row("DKIM", result.dkim()),
                            new Row("DMARC", result.dmarc())));
        } catch (InvalidInputException e) {
            model.addAttribute("errors", Map.of("domain", e.getMessage()));
        }
        return "settings/dns-check";
    }
}
