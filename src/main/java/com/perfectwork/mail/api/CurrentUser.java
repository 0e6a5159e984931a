package com.perfectwork.mail.api;

import com.perfectwork.mail.directory.ApiKeyScope;
import com.perfectwork.mail.directory.LoginCredentials;
import com.perfectwork.mail.directory.Role;
import com.perfectwork.mail.discussion.Viewer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * The authenticated caller, whichever way it authenticated; carries its partner for posting. Its authorities say what
 * it may do: {@code ROLE_ADMIN} or {@code ROLE_USER} with the scope {@code all} (a password always has it; a marketing
 * user has {@code ROLE_USER} and {@code ROLE_MARKETING}, the rights of a user and Email Marketing's), and
 * {@link #INBOUND} with the scope {@code inbound}. An API key with the scope {@code inbound} alone has no role, so
 * every resource but the gateway refuses it.
 */
class CurrentUser extends User {

    static final String INBOUND = "SCOPE_inbound";

    private final long userId;
    private final long partnerId;
    private final Role role;

    /** Signed in with a password: the user's own rights. */
    CurrentUser(LoginCredentials credentials) {
        this(credentials, EnumSet.of(ApiKeyScope.ALL));
    }

    CurrentUser(LoginCredentials credentials, Set<ApiKeyScope> scopes) {
        super(
                credentials.login(),
                credentials.passwordHash(),
                credentials.active(),
                true,
                true,
                true,
                authorities(credentials.role(), scopes));
        this.userId = credentials.userId();
        this.partnerId = credentials.partnerId();
        this.role = credentials.role();
    }

    private static List<GrantedAuthority> authorities(Role role, Set<ApiKeyScope> scopes) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        if (scopes.contains(ApiKeyScope.ALL)) {
            if (role == Role.MARKETING) {
                authorities.add(new SimpleGrantedAuthority("ROLE_" + Role.USER.name()));
            }
            authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name()));
        }
        if (scopes.contains(ApiKeyScope.INBOUND)) {
            authorities.add(new SimpleGrantedAuthority(INBOUND));
        }
        return authorities;
    }

    long userId() {
        return userId;
    }

    long partnerId() {
        return partnerId;
    }

    /** The caller in the chatter: an administrator sees every record. */
    Viewer viewer() {
        return new Viewer(partnerId, role == Role.ADMIN);
    }

    /** An API key for the gateway only. */
    boolean inboundOnly() {
        return getAuthorities().stream().noneMatch(a -> a.getAuthority().startsWith("ROLE_"));
    }
}
