package com.perfectwork.mail.deliverability;

import java.util.List;

/**
 * DMARC for a received mail (RFC 7489 §6.6): the policy of its From domain, found at {@code _dmarc.<From domain>} or
 * else at {@code _dmarc.<organizational domain>} (§6.6.3), and whether SPF or DKIM passed for a domain aligned with
 * the From domain in the record's modes (relaxed where no record says otherwise). {@code pct=} is not sampled: the
 * policy applies to every failing mail, as DMARC's revision does away with sampling.
 */
final class DmarcEvaluator {

    private final TxtLookup dns;

    DmarcEvaluator(TxtLookup dns) {
        this.dns = dns;
    }

    /**
     * @param spf the SPF verdict, for {@code spfDomain}: the MAIL FROM domain, or the HELO name for a null sender
     *     (null when SPF was not checked)
     */
    DmarcResult evaluate(String fromDomain, SpfVerdict spf, String spfDomain, List<DkimResult> dkim) {
        Discovery policy = discover(fromDomain);
        boolean strictDkim = policy.record() != null && policy.record().strictDkim();
        boolean strictSpf = policy.record() != null && policy.record().strictSpf();
        boolean spfAligned = OrganizationalDomain.aligned(spfDomain, fromDomain, strictSpf);
        String alignedBy = dkim.stream()
                        .anyMatch(r -> r.verdict() == DkimVerdict.PASS
                                && OrganizationalDomain.aligned(r.domain(), fromDomain, strictDkim))
                ? "dkim"
                : spf == SpfVerdict.PASS && spfAligned ? "spf" : null;
        if (policy.verdict() != null) {
            // no policy to apply (none published, or it could not be read): the alignment still says who sent it
            String detail = alignedBy == null ? policy.detail() : policy.detail() + "; aligned " + alignedBy + " pass";
            return new DmarcResult(policy.verdict(), fromDomain, null, alignedBy, detail);
        }
        String applied = policy.ofOrganization()
                ? policy.record().subdomainPolicy()
                : policy.record().policy();
        if (alignedBy != null) {
            return new DmarcResult(DmarcVerdict.PASS, fromDomain, applied, alignedBy, "aligned " + alignedBy + " pass");
        }
        boolean undecided = (spf == SpfVerdict.TEMPERROR && spfAligned)
                || dkim.stream()
                        .anyMatch(r -> r.verdict() == DkimVerdict.TEMPERROR
                                && OrganizationalDomain.aligned(r.domain(), fromDomain, strictDkim));
        return undecided
                ? new DmarcResult(
                        DmarcVerdict.TEMPERROR,
                        fromDomain,
                        applied,
                        null,
                        "an aligned check could not be completed now")
                : new DmarcResult(DmarcVerdict.FAIL, fromDomain, applied, null, "neither SPF nor DKIM passed aligned");
    }

    /**
     * The record that applies, and whether it is the organizational domain's; or, when none applies, the verdict
     * that says why (none, temperror, permerror) and its detail.
     */
    private record Discovery(DmarcRecord record, boolean ofOrganization, DmarcVerdict verdict, String detail) {}

    private Discovery discover(String fromDomain) {
        Discovery own = lookUp(fromDomain, false);
        String organization = OrganizationalDomain.of(fromDomain);
        if (own.verdict() != DmarcVerdict.NONE || organization.equals(fromDomain)) {
            return own;
        }
        return lookUp(organization, true);
    }

    private Discovery lookUp(String domain, boolean organization) {
        String name = "_dmarc." + domain;
        DnsAnswer<String> answer = dns.txt(name);
        if (answer.failed()) {
            return new Discovery(null, organization, DmarcVerdict.TEMPERROR, answer.error());
        }
        List<String> records =
                answer.records().stream().filter(DmarcRecord::isDmarc).toList();
        if (records.isEmpty()) {
            return new Discovery(null, organization, DmarcVerdict.NONE, "no DMARC record");
        }
        if (records.size() > 1) {
            // §6.6.3: several records are no record
            return new Discovery(null, organization, DmarcVerdict.NONE, name + " has " + records.size() + " records");
        }
        try {
            return new Discovery(DmarcRecord.parse(records.get(0)), organization, null, null);
        } catch (IllegalArgumentException e) {
            return new Discovery(null, organization, DmarcVerdict.PERMERROR, name + ": " + e.getMessage());
        }
    }
}
