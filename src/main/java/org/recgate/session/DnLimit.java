package org.recgate.session;

import java.util.Map;
import org.recgate.config.Role;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.TlibException;

/**
 * How many DNs one client may hold registered (docs/security.md, Limits):
 * {@code recgate.tlib.max-dns-per-client}, or for a role {@code recgate.tlib.max-dns-per-client.<role>}
 * (a screen-recording vendor registers every DN it records); a client with several roles gets the
 * largest of their limits.
 */
public final class DnLimit {

    private final int general;
    private final Map<Role, Integer> byRole;
    private final LimitHits hits;

    /** {@code byRole} holds the roles with a limit of their own. */
    public DnLimit(int general, Map<Role, Integer> byRole, LimitHits hits) {
        this.general = general;
        this.byRole = Map.copyOf(byRole);
        this.hits = hits;
    }

    /** The most DNs the session may hold registered. */
    public int maxFor(ClientSession session) {
        int max = 0;
        for (Role role : Role.values()) {
            if (session.has(role)) {
                max = Math.max(max, byRole.getOrDefault(role, general));
            }
        }
        return max == 0 ? general : max;
    }

    /**
     * Refuses, with {@code EventError} 58, a DN the session does not hold yet when it holds its most
     * already; a DN it holds may be registered again (to change the mode).
     */
    public void check(ClientSession session, String dn) {
        if (session.registration(dn) != null) {
            return;
        }
        int max = maxFor(session);
        if (session.registrationCount() >= max) {
            hits.hit(LimitHits.Limit.MAX_DNS_PER_CLIENT);
            throw new TlibException(ErrorCode.OUT_OF_SERVICE, "this client already holds " + max
                    + " registered DNs, the most the gateway allows one client of its application:"
                    + " unregister a DN before registering " + dn);
        }
    }
}
