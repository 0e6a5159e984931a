package com.perfectwork.mail.api;

import com.perfectwork.mail.blacklist.Blacklist;
import com.perfectwork.mail.directory.Partner;
import com.perfectwork.mail.directory.Partners;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Contacts. {@code GET ?email=} compares normalized addresses; {@code blacklisted} says whether the contact's
 * address is blacklisted now, looked up once for a whole list.
 */
@RestController
@RequestMapping("/api/partners")
class PartnerController {

    record PartnerRequest(String name, String email) {}

    record PartnerResponse(long id, String name, String email, int bounceCount, boolean blacklisted) {
        static PartnerResponse of(Partner partner, boolean blacklisted) {
            return new PartnerResponse(
                    partner.id(), partner.name(), partner.email(), partner.bounceCount(), blacklisted);
        }
    }

    private final Partners partners;
    private final Blacklist blacklist;

    PartnerController(Partners partners, Blacklist blacklist) {
        this.partners = partners;
        this.blacklist = blacklist;
    }

    @PostMapping
    ResponseEntity<PartnerResponse> create(@RequestBody PartnerRequest request) {
        Partner partner = partners.create(request.name(), request.email());
        return ResponseEntity.created(URI.create("/api/partners/" + partner.id()))
                .body(response(partner));
    }

    @GetMapping
    List<PartnerResponse> list(
            @RequestParam(required = false) String email,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) Integer limit) {
        Paging paging = new Paging(offset, limit);
        List<Partner> found =
                email != null ? partners.findByEmail(email) : partners.list(paging.offset(), paging.limit());
        return responses(found);
    }

    @GetMapping("/{id}")
    PartnerResponse get(@PathVariable long id) {
        return response(partners.require(id));
    }

    private PartnerResponse response(Partner partner) {
        return responses(List.of(partner)).get(0);
    }

    private List<PartnerResponse> responses(List<Partner> found) {
        Set<String> blacklisted = blacklist.blacklistedAmong(found.stream()
                .filter(Partner::hasEmail)
                .map(Partner::emailNormalized)
                .toList());
        return found.stream()
                .map(partner -> PartnerResponse.of(
                        partner, partner.hasEmail() && blacklisted.contains(partner.emailNormalized())))
                .toList();
    }
}
