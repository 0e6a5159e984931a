package com.perfectwork.mail.directory;

import com.perfectwork.mail.core.InvalidInputException;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an API key may do: {@code all}, its user's own rights (the default), or {@code inbound}, only
 * {@code POST /api/inbound} (an MTA's pipe, whose key opens nothing else if it leaks). A key with both has both.
 */
public enum ApiKeyScope {
    ALL,
    INBOUND;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The scopes named in a request; none given is {@code all}. */
    public static Set<ApiKeyScope> parse(Collection<String> codes) {
        if (codes == null || codes.isEmpty()) {
            return EnumSet.of(ALL);
        }
        Set<ApiKeyScope> scopes = EnumSet.noneOf(ApiKeyScope.class);
        for (String code : codes) {
            scopes.add(of(code));
        }
        return scopes;
    }

    private static ApiKeyScope of(String code) {
        for (ApiKeyScope scope : values()) {
            if (scope.code().equals(code)) {
                return scope;
            }
        }
        throw new InvalidInputException("scopes", "each scope must be all or inbound");
    }

    /** As stored: the codes, comma-separated, in a fixed order. */
    static String stored(Set<ApiKeyScope> scopes) {
        return scopes.stream().map(ApiKeyScope::code).collect(Collectors.joining(","));
    }

    static Set<ApiKeyScope> fromStored(String stored) {
        return parse(Set.of(stored.split(",")));
    }
}
