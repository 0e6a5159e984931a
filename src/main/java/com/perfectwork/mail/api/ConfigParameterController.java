package com.perfectwork.mail.api;

import com.perfectwork.mail.core.UnknownIdException;
import com.perfectwork.mail.settings.ConfigParameter;
import com.perfectwork.mail.settings.ConfigParameters;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** System parameters (admin). */
@RestController
@RequestMapping("/api/config-parameters")
class ConfigParameterController {

    record ValueRequest(String value) {}

    private final ConfigParameters parameters;

    ConfigParameterController(ConfigParameters parameters) {
        this.parameters = parameters;
    }

    @GetMapping
    List<ConfigParameter> list() {
        return parameters.all();
    }

    @GetMapping("/{key}")
    ConfigParameter get(@PathVariable String key) {
        return parameters.find(key).orElseThrow(() -> new UnknownIdException("system parameter", key));
    }

    @PutMapping("/{key}")
    ConfigParameter put(@PathVariable String key, @RequestBody ValueRequest request) {
        return parameters.set(key, request.value());
    }

    @DeleteMapping("/{key}")
    ResponseEntity<Void> delete(@PathVariable String key) {
        if (!parameters.delete(key)) {
            throw new UnknownIdException("system parameter", key);
        }
        return ResponseEntity.noContent().build();
    }
}
