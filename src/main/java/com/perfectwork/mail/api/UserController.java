package com.perfectwork.mail.api;

import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.directory.ApiKeyScope;
import com.perfectwork.mail.directory.ApiKeys;
import com.perfectwork.mail.directory.NewApiKey;
import com.perfectwork.mail.directory.NewUser;
import com.perfectwork.mail.directory.NotificationPreference;
import com.perfectwork.mail.directory.Role;
import com.perfectwork.mail.directory.UserAccount;
import com.perfectwork.mail.directory.UserAccounts;
import com.perfectwork.mail.directory.UserChange;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Users and their API keys (admin). Passwords are write-only; a key is shown once, when created. */
@RestController
@RequestMapping("/api/users")
class UserController {

    record UserRequest(
            String login,
            String password,
            String name,
            String email,
            String role,
            Boolean active,
            String notificationPreference) {}

    /** {@code notificationPreference}: {@code email} (the default) or {@code inbox}. */
    record UserResponse(
            long id,
            String login,
            String name,
            String email,
            String role,
            long partnerId,
            boolean active,
            String notificationPreference) {
        static UserResponse of(UserAccount user) {
            return new UserResponse(
                    user.id(),
                    user.login(),
                    user.name(),
                    user.email(),
                    user.role().name().toLowerCase(Locale.ROOT),
                    user.partnerId(),
                    user.active(),
                    user.notificationPreference().code());
        }
    }

    /** {@code scopes}: {@code all} (the user's own rights, the default) and/or {@code inbound}. */
    record ApiKeyRequest(String name, List<String> scopes) {}

    record ApiKeyResponse(long id, String name, List<String> scopes, String prefix, Instant createdAt) {}

    /** The key itself is in this answer only. */
    record NewApiKeyResponse(long id, String name, List<String> scopes, String key) {}

    private final UserAccounts users;
    private final ApiKeys apiKeys;

    UserController(UserAccounts users, ApiKeys apiKeys) {
        this.users = users;
        this.apiKeys = apiKeys;
    }

    @PostMapping
    ResponseEntity<UserResponse> create(@RequestBody UserRequest request) {
        NotificationPreference preference = preference(request);
        UserAccount user = users.create(new NewUser(
                request.login(), request.password(), request.name(), request.email(), role(request.role())));
        if (Boolean.FALSE.equals(request.active()) || preference != null) {
            user = users.update(
                    user.id(),
                    new UserChange(
                            null, null, null, Boolean.FALSE.equals(request.active()) ? false : null, null, preference));
        }
        return ResponseEntity.created(URI.create("/api/users/" + user.id())).body(UserResponse.of(user));
    }

    @GetMapping
    List<UserResponse> list() {
        return users.list().stream().map(UserResponse::of).toList();
    }

    @GetMapping("/{id}")
    UserResponse get(@PathVariable long id) {
        return UserResponse.of(users.require(id));
    }

    @PutMapping("/{id}")
    UserResponse update(@PathVariable long id, @RequestBody UserRequest request) {
        if (request.login() != null && !request.login().equals(users.require(id).login())) {
            throw new InvalidInputException("login", "cannot be changed");
        }
        return UserResponse.of(users.update(
                id,
                new UserChange(
                        request.name(),
                        request.email(),
                        role(request.role()),
                        request.active(),
                        request.password(),
                        preference(request))));
    }

    @PostMapping("/{id}/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    NewApiKeyResponse createKey(@PathVariable long id, @RequestBody ApiKeyRequest request) {
        NewApiKey key = apiKeys.create(id, request.name(), ApiKeyScope.parse(request.scopes()));
        return new NewApiKeyResponse(key.id(), key.name(), codes(key.scopes()), key.key());
    }

    @GetMapping("/{id}/api-keys")
    List<ApiKeyResponse> keys(@PathVariable long id) {
        return apiKeys.list(id).stream()
                .map(k -> new ApiKeyResponse(k.id(), k.name(), codes(k.scopes()), k.prefix(), k.createdAt()))
                .toList();
    }

    private static List<String> codes(Set<ApiKeyScope> scopes) {
        return scopes.stream().map(ApiKeyScope::code).toList();
    }

    @DeleteMapping("/{id}/api-keys/{keyId}")
    ResponseEntity<Void> revoke(@PathVariable long id, @PathVariable long keyId) {
        users.require(id);
        apiKeys.revoke(id, keyId);
        return ResponseEntity.noContent().build();
    }

    private static NotificationPreference preference(UserRequest request) {
        return NotificationPreference.parse(request.notificationPreference(), "notificationPreference");
    }

    private static Role role(String role) {
        if (role == null) {
            return null;
        }
        return switch (role) {
            case "admin" -> Role.ADMIN;
            case "user" -> Role.USER;
            case "marketing" -> Role.MARKETING;
            default -> throw new InvalidInputException("role", "must be admin, user or marketing");
        };
    }
}
