package com.perfectwork.mail.api;

import com.perfectwork.mail.deliverability.DnsCheck;
import com.perfectwork.mail.deliverability.DnsCheckResult;
import com.perfectwork.mail.deliverability.DnsFinding;
import com.perfectwork.mail.deliverability.SendingServer;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The DNS check of a sending domain (admin). */
@RestController
@RequestMapping("/api/dns-check")
class DnsCheckController {

    /** One kind of record: {@code status} ok, missing, invalid or warning; {@code fix} what to publish (or null). */
    record Finding(String status, String record, String detail, String fix) {

        static Finding of(DnsFinding finding) {
            return new Finding(finding.status().word(), finding.record(), finding.detail(), finding.fix());
        }
    }

    record Response(String domain, List<SendingServer> servers, Finding mx, Finding spf, Finding dkim, Finding dmarc) {}

    private final DnsCheck dnsCheck;

    DnsCheckController(DnsCheck dnsCheck) {
        this.dnsCheck = dnsCheck;
    }

    /** {@code domain} omitted: the alias domain. */
    @GetMapping
    Response check(@RequestParam(required = false) String domain) {
        DnsCheckResult result = dnsCheck.check(domain);
        return new Response(
                result.domain(),
                result.servers(),
                Finding.of(result.mx()),
                Finding.of(result.spf()),
                Finding.of(result.dkim()),
                Finding.of(result.dmarc()));
    }
}
