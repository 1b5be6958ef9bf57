package org.recgate.config;

import java.util.Set;

/**
 * A client application allowed to connect: its secret, its roles, the DNs it may use, and the line
 * of its entry in the DN file (for messages that name it).
 */
public record ApplicationConfig(String name, Secret secret, Set<Role> roles, DnScope dns, int line) {

    public ApplicationConfig {
        roles = Set.copyOf(roles);
    }

    /** True when the given password is this application's ({@link Secret#accepts}). */
    public boolean acceptsPassword(String given) {
        return secret.accepts(given);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
