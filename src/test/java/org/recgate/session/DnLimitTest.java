package org.recgate.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.recgate.config.ApplicationConfig;
import org.recgate.config.Role;
import org.recgate.support.Meters;
import org.recgate.testing.TestConnection;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.RegisterMode;
import org.recgate.tlib.model.TlibException;

class DnLimitTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final DnLimit limit = new DnLimit(2, Map.of(Role.VENDOR, 4, Role.SUPERVISOR, 3), new LimitHits(new Meters(meters)));
    private final SessionRegistry sessions = new SessionRegistry();

    @Test
    void aClientGetsTheLargestLimitOfItsRoles() {
        assertEquals(2, limit.maxFor(client(Role.DESKTOP)));
        assertEquals(2, limit.maxFor(client(Role.SWITCH)));
        assertEquals(3, limit.maxFor(client(Role.SUPERVISOR, Role.DESKTOP)));
        assertEquals(4, limit.maxFor(client(Role.SUPERVISOR, Role.VENDOR)));
        assertEquals(2, limit.maxFor(sessions.open(new TestConnection())), "before RequestRegisterClient");
    }

    @Test
    void aNewDnOverTheLimitIs58AndCountedAndAHeldOneIsNot() {
        ClientSession desktop = client(Role.DESKTOP);
        register(desktop, "1001");
        register(desktop, "1002");
        TlibException refused = assertThrows(TlibException.class, () -> limit.check(desktop, "1003"));
        assertEquals(ErrorCode.OUT_OF_SERVICE, refused.errorCode());
        assertEquals(1.0, meters.get("recgate.tlib.limit.hits").tag("limit", "max-dns-per-client").counter().count());
        limit.check(desktop, "1002"); // registering a held DN again changes only its mode
        sessions.unregister(desktop, "1001");
        limit.check(desktop, "1003");
    }

    private void register(ClientSession session, String dn) {
        limit.check(session, dn);
        sessions.register(session, dn, RegisterMode.SHARE);
    }

    private ClientSession client(Role... roles) {
        ClientSession session = sessions.open(new TestConnection());
        session.registeredAs(new ApplicationConfig("app", null, Set.of(roles), org.recgate.config.DnScope.ANY, 1));
        return session;
    }
}
