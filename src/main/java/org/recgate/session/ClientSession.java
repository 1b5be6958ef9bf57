package org.recgate.session;

import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.recgate.config.ApplicationConfig;
import org.recgate.config.Role;
import org.recgate.tlib.model.RegisterMode;

/**
 * One connected client: its connection, the application it registered as, and the DNs it
 * registered. Opened when the connection opens, closed when it closes ({@link SessionRegistry}).
 */
public final class ClientSession {

    private final ClientConnection connection;
    private final long clientId;
    private final Map<String, RegisterMode> registrations = new ConcurrentHashMap<>();
    private volatile ApplicationConfig application;
    private boolean open = true; // guarded by this, see SessionRegistry

    ClientSession(ClientConnection connection, long clientId) {
        this.connection = connection;
        this.clientId = clientId;
    }

    public ClientConnection connection() {
        return connection;
    }

    public long clientId() {
        return clientId;
    }

    public SocketAddress remoteAddress() {
        return connection.remoteAddress();
    }

    /** The application this client registered as; null before {@code RequestRegisterClient}. */
    public ApplicationConfig application() {
        return application;
    }

    public String applicationName() {
        ApplicationConfig app = application;
        return app == null ? null : app.name();
    }

    public boolean isClientRegistered() {
        return application != null;
    }

    public boolean has(Role role) {
        ApplicationConfig app = application;
        return app != null && app.has(role);
    }

    /** {@code RequestRegisterClient} accepted: the session acts as {@code application} from now on. */
    public void registeredAs(ApplicationConfig application) {
        this.application = application;
    }

    /** The mode this client registered {@code dn} in, or null. */
    public RegisterMode registration(String dn) {
        return registrations.get(dn);
    }

    /** True when this client registered {@code dn} Share or Private: it may send requests for it. */
    public boolean actsFor(String dn) {
        RegisterMode mode = registrations.get(dn);
        return mode != null && mode.allowsRequests();
    }

    public Map<String, RegisterMode> registrations() {
        return Map.copyOf(registrations);
    }

    /** How many DNs this client holds registered. */
    public int registrationCount() {
        return registrations.size();
    }

    Map<String, RegisterMode> registrationsView() {
        return registrations;
    }

    boolean isOpen() {
        return open;
    }

    void markClosed() {
        open = false;
    }

    @Override
    public String toString() {
        return "client " + clientId + (application == null ? "" : " (" + application.name() + ")") + " " + remoteAddress();
    }
}
