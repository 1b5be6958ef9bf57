package org.recgate.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/** A client application allowed to connect: its optional password and its roles. */
public record ApplicationConfig(String name, String password, Set<Role> roles) {

    public ApplicationConfig {
        roles = Set.copyOf(roles);
    }

    /** True when no password is configured, or the given one matches (compared in constant time). */
    public boolean acceptsPassword(String given) {
        if (password == null || password.isEmpty()) {
            return true;
        }
        return given != null && MessageDigest.isEqual(
                password.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
