package org.recgate.session;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.RegisterMode;
import org.recgate.tlib.model.TlibException;

/**
 * Who is connected and who registered which DN (docs/protocol.md, Session).
 * <p>
 * A session's registrations change under the session's lock, and each DN's holders change
 * atomically in {@link ConcurrentMap#compute}; so a {@code Private} check and the registration it
 * allows are one step, and a connection that closes while a request of it is still running leaves
 * no registration behind.
 */
public final class SessionRegistry {

    private final AtomicLong nextClientId = new AtomicLong();
    private final ConcurrentMap<Long, ClientSession> sessions = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Map<ClientSession, RegisterMode>> holders = new ConcurrentHashMap<>();
    private final AtomicLong registrationCount = new AtomicLong();

    /** A new session for a connection that has just opened. */
    public ClientSession open(ClientConnection connection) {
        ClientSession session = new ClientSession(connection, nextClientId.incrementAndGet());
        sessions.put(session.clientId(), session);
        return session;
    }

    /** Drops the session and all its registrations (its connection has closed). */
    public void close(ClientSession session) {
        if (sessions.remove(session.clientId()) == null) {
            return;
        }
        List<String> dns;
        synchronized (session) {
            session.markClosed();
            dns = List.copyOf(session.registrationsView().keySet());
        }
        dns.forEach(dn -> unregister(session, dn));
    }

    /** Whether the session is still open (its connection has not closed). */
    public boolean isOpen(ClientSession session) {
        return sessions.get(session.clientId()) == session;
    }

    /**
     * Registers {@code dn} for the session. Idempotent; a second call may change the mode.
     * {@code Private} needs the DN to be held by no other client, and keeps every other client out.
     */
    public void register(ClientSession session, String dn, RegisterMode mode) {
        synchronized (session) {
            if (!session.isOpen()) {
                return;
            }
            holders.compute(dn, (key, current) -> {
                Map<ClientSession, RegisterMode> next = current == null ? new ConcurrentHashMap<>() : current;
                checkPrivate(session, dn, mode, next);
                if (next.put(session, mode) == null) {
                    registrationCount.incrementAndGet();
                }
                return next;
            });
            session.registrationsView().put(dn, mode);
        }
    }

    private static void checkPrivate(ClientSession session, String dn, RegisterMode mode, Map<ClientSession, RegisterMode> current) {
        for (Map.Entry<ClientSession, RegisterMode> holder : current.entrySet()) {
            if (holder.getKey() == session) {
                continue;
            }
            if (holder.getValue() == RegisterMode.PRIVATE) {
                throw new TlibException(ErrorCode.ALREADY_REGISTERED_PRIVATELY,
                        "DN " + dn + " is registered Private by another client (" + holder.getKey().applicationName()
                                + "); no other client can register it until that one unregisters it");
            }
            if (mode == RegisterMode.PRIVATE) {
                throw new TlibException(ErrorCode.ALREADY_REGISTERED_PRIVATELY,
                        "DN " + dn + " is already registered by another client, so it cannot be registered Private;"
                                + " register it Share or Monitor");
            }
        }
    }

    /** Returns false when the session had not registered the DN. */
    public boolean unregister(ClientSession session, String dn) {
        synchronized (session) {
            if (session.registrationsView().remove(dn) == null) {
                return false;
            }
            holders.computeIfPresent(dn, (key, current) -> {
                if (current.remove(session) != null) {
                    registrationCount.decrementAndGet();
                }
                return current.isEmpty() ? null : current;
            });
            return true;
        }
    }

    /**
     * Requests on behalf of a DN need a Share or Private registration of it by the same client
     * (docs/protocol.md, Session 3); otherwise {@code EventError} 41.
     */
    public void checkMayActFor(ClientSession session, String dn) {
        RegisterMode mode = session.registration(dn);
        if (mode == null) {
            throw new TlibException(ErrorCode.NOT_REGISTERED,
                    "DN " + dn + " is not registered by this client: send RequestRegisterAddress for it first");
        }
        if (!mode.allowsRequests()) {
            throw new TlibException(ErrorCode.NOT_REGISTERED,
                    "DN " + dn + " is registered Monitor by this client, which gives events only:"
                            + " register it Share or Private to send requests for it");
        }
    }

    /** Every session registered on the DN, in any mode. */
    public Collection<ClientSession> sessionsOn(String dn) {
        Map<ClientSession, RegisterMode> current = holders.get(dn);
        return current == null ? List.of() : List.copyOf(current.keySet());
    }

    /** Every session registered on any of the DNs, each once. */
    public Set<ClientSession> sessionsOn(Collection<String> dns) {
        Set<ClientSession> result = new LinkedHashSet<>();
        dns.forEach(dn -> result.addAll(sessionsOn(dn)));
        return result;
    }

    /** Every open session, at this moment. */
    public Collection<ClientSession> all() {
        return List.copyOf(sessions.values());
    }

    public int connectedClients() {
        return sessions.size();
    }

    public long registrations() {
        return registrationCount.get();
    }
}
