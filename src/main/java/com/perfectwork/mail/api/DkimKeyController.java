package com.perfectwork.mail.api;

import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.deliverability.DkimKey;
import com.perfectwork.mail.deliverability.DkimKeys;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The DKIM keys of the sending domains (admin). {@code POST} generates a key pair and answers the record to
 * publish; the private key is never answered. {@code PUT /{id} {active}} activates or deactivates a key.
 */
@RestController
@RequestMapping("/api/dkim-keys")
class DkimKeyController {

    /** {@code active}: an addition, false to generate the key inactive (true when absent). */
    record KeyRequest(String domain, String selector, String algorithm, Boolean active) {}

    record ActiveRequest(Boolean active) {}

    /** {@code zoneFile}: the record as a zone-file line, its value split into strings of at most 255 characters. */
    record KeyResponse(
            long id,
            String domain,
            String selector,
            String algorithm,
            String dnsName,
            String dnsValue,
            String zoneFile,
            boolean active,
            Instant createdAt) {
        static KeyResponse of(DkimKey key) {
            return new KeyResponse(
                    key.id(),
                    key.domain(),
                    key.selector(),
                    key.algorithm(),
                    key.dnsName(),
                    key.dnsValue(),
                    key.zoneFileLine(),
                    key.active(),
                    key.createdAt());
        }
    }

    private final DkimKeys keys;

    DkimKeyController(DkimKeys keys) {
        this.keys = keys;
    }

    @GetMapping
    List<KeyResponse> list() {
        return keys.list().stream().map(KeyResponse::of).toList();
    }

    @GetMapping("/{id}")
    KeyResponse get(@PathVariable long id) {
        return KeyResponse.of(keys.require(id));
    }

    @PostMapping
    ResponseEntity<KeyResponse> generate(@RequestBody KeyRequest request) {
        KeyResponse key = KeyResponse.of(keys.generate(
                request.domain(), request.selector(), request.algorithm(), !Boolean.FALSE.equals(request.active())));
        return ResponseEntity.created(URI.create("/api/dkim-keys/" + key.id())).body(key);
    }

    @PutMapping("/{id}")
    KeyResponse update(@PathVariable long id, @RequestBody ActiveRequest request) {
        keys.require(id);
        if (request.active() == null) {
            throw new InvalidInputException("active", "active is required: true or false");
        }
        return KeyResponse.of(keys.setActive(id, request.active()));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        keys.delete(id);
        return ResponseEntity.noContent().build();
    }
}
