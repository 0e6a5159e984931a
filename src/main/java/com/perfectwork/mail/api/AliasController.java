package com.perfectwork.mail.api;

import com.perfectwork.mail.routing.Alias;
import com.perfectwork.mail.routing.Aliases;
import com.perfectwork.mail.settings.MailDomainSettings;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Aliases (admin): {@code email} is computed with {@code mail.catchall.domain}. */
@RestController
@RequestMapping("/api/aliases")
class AliasController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record AliasRequest(String name, String model, Long recordId, Map<String, Object> defaults, String contactPolicy) {
        Alias alias() {
            return new Alias(
                    0,
                    name,
                    model,
                    recordId,
                    defaults == null ? null : JSON.writeValueAsString(defaults),
                    contactPolicy);
        }
    }

    record AliasResponse(
            long id, String name, String email, String model, Long recordId, Object defaults, String contactPolicy) {}

    private final Aliases aliases;
    private final MailDomainSettings settings;

    AliasController(Aliases aliases, MailDomainSettings settings) {
        this.aliases = aliases;
        this.settings = settings;
    }

    @PostMapping
    ResponseEntity<AliasResponse> create(@RequestBody AliasRequest request) {
        Alias alias = aliases.create(request.alias());
        return ResponseEntity.created(URI.create("/api/aliases/" + alias.id())).body(response(alias));
    }

    @GetMapping
    List<AliasResponse> list() {
        return aliases.list().stream().map(this::response).toList();
    }

    @GetMapping("/{id}")
    AliasResponse get(@PathVariable long id) {
        return response(aliases.require(id));
    }

    @PutMapping("/{id}")
    AliasResponse update(@PathVariable long id, @RequestBody AliasRequest request) {
        return response(aliases.update(id, request.alias()));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        aliases.delete(id);
        return ResponseEntity.noContent().build();
    }

    private AliasResponse response(Alias alias) {
        Object defaults = alias.defaults() == null ? Map.of() : JSON.readValue(alias.defaults(), Map.class);
        return new AliasResponse(
                alias.id(),
                alias.name(),
                alias.email(settings.catchallDomain().orElse(null)),
                alias.model(),
                alias.recordId(),
                defaults,
                alias.contactPolicy());
    }
}
