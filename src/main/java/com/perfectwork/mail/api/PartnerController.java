package com.perfectwork.mail.api;

import com.perfectwork.mail.directory.Partner;
import com.perfectwork.mail.directory.Partners;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Contacts. {@code GET ?email=} compares normalized addresses. */
@RestController
@RequestMapping("/api/partners")
class PartnerController {

    record PartnerRequest(String name, String email) {}

    record PartnerResponse(long id, String name, String email, int bounceCount, boolean blacklisted) {
        static PartnerResponse of(Partner partner) {
            // blacklisted: the blacklist module answers it once it exists; nothing is blacklisted before
            return new PartnerResponse(partner.id(), partner.name(), partner.email(), partner.bounceCount(), false);
        }
    }

    private final Partners partners;

    PartnerController(Partners partners) {
        this.partners = partners;
    }

    @PostMapping
    ResponseEntity<PartnerResponse> create(@RequestBody PartnerRequest request) {
        Partner partner = partners.create(request.name(), request.email());
        return ResponseEntity.created(URI.create("/api/partners/" + partner.id()))
                .body(PartnerResponse.of(partner));
    }

    @GetMapping
    List<PartnerResponse> list(
            @RequestParam(required = false) String email,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) Integer limit) {
        Paging paging = new Paging(offset, limit);
        List<Partner> found =
                email != null ? partners.findByEmail(email) : partners.list(paging.offset(), paging.limit());
        return found.stream().map(PartnerResponse::of).toList();
    }

    @GetMapping("/{id}")
    PartnerResponse get(@PathVariable long id) {
        return PartnerResponse.of(partners.require(id));
    }
}
