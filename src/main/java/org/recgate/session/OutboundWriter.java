package org.recgate.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.recgate.tlib.model.TlibMessage;

/**
 * Pushes events to clients, replies and unsolicited events alike, from any thread: the route steps
 * that send (the reply of every request, EventAttachedDataChanged, relayed EventUserEvent) call it.
 * What a slow or gone client does with them is its connection's business ({@link ClientConnection}).
 */
public final class OutboundWriter {

    private final SessionRegistry sessions;

    public OutboundWriter(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    /** Sends the event to one client; false when the client is gone or was too slow. */
    public boolean send(ClientSession session, TlibMessage event) {
        return session.connection().send(event);
    }

    /** Sends the event once to every client registered on any of the DNs; returns how many got it. */
    public int sendToDns(Collection<String> dns, TlibMessage event) {
        int delivered = 0;
        for (ClientSession target : sessions.sessionsOn(dns)) {
            if (send(target, event)) {
                delivered++;
            }
        }
        return delivered;
    }

    /** Sends the event to every client registered on the DN but {@code sender}; returns those that got it. */
    public List<ClientSession> sendToOthersOn(String dn, ClientSession sender, TlibMessage event) {
        List<ClientSession> reached = new ArrayList<>();
        for (ClientSession target : sessions.sessionsOn(dn)) {
            if (target != sender && send(target, event)) {
                reached.add(target);
            }
        }
        return reached;
    }
}
